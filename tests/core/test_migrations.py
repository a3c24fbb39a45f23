"""The migrations build exactly the schema the models describe, on both engines."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from marketplace.extensions import db as _db

pytestmark = pytest.mark.undated  # the schema the migrations build takes no day


@pytest.mark.both_engines
def test_models_and_migrations_agree(app, db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []
