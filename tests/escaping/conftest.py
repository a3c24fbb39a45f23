"""The hostile world (tests/escaping/world.py) for the escaping and export sweeps."""
import pytest

from tests.escaping.world import build_world
from tests.studio.fixtures import fast_password_hashing  # noqa: F401  (autouse: many accounts)
from tests.conftest import sign_in  # noqa: F401  (used by the sweeps)


@pytest.fixture
def world(app, tmp_path):
    app.config["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    return build_world(app)
