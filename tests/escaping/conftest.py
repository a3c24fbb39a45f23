"""The hostile world (tests/escaping/world.py) for the escaping and export sweeps."""
import pytest

from tests.escaping.world import build_world
from tests.studio.fixtures import fast_password_hashing  # noqa: F401  (autouse: many accounts)


@pytest.fixture
def world(app, tmp_path):
    app.config["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    return build_world(app)


def sign_in(client, user):
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()  # what Flask-Login stores, whatever the id is
        session["_fresh"] = True
    return client
