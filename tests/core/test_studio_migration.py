"""Revision 013cd5c6e43b on a database that already holds producers and certificates."""
import itertools
import os

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import SHARED_DATA_DIR

pytestmark = pytest.mark.undated  # existing rows surviving a migration take no day

BEFORE = "61f983514117"
_names = itertools.count()


@pytest.fixture
def empty_database_url(engine, request, tmp_path):
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = f"migrate_{os.getpid()}_{next(_names)}"
    admin = sa.create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield cluster.url(name)
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.mark.both_engines
def test_existing_rows_survive_and_verified_producers_stay_verified(empty_database_url, tmp_path):
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": empty_database_url,
                                           "MEDIA_ROOT": str(tmp_path / "media"), "SHARED_DATA_DIR": SHARED_DATA_DIR})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO regions (id, code, slug, name_vi, name_en, position) "
                                 "VALUES (1, 'r', 'r', 'r', 'r', 0)"))
            conn.execute(sa.text("INSERT INTO macro_regions (id, code, slug, name_vi, name_en, position) "
                                 "VALUES (1, 'm', 'm', 'm', 'm', 0)"))
            conn.execute(sa.text("INSERT INTO provinces (id, code, slug, name_vi, name_ascii, kind, region_id, "
                                 "macro_region_id) VALUES (1, '01', 'p', 'P', 'P', 'city', 1, 1)"))
            conn.execute(sa.text("INSERT INTO categories (id, slug, name_vi, name_en, position) "
                                 "VALUES (1, 'c', 'c', 'c', 0)"))
            for pid, verified in ((1, True), (2, False)):
                conn.execute(sa.text(
                    "INSERT INTO producers (id, slug, name, kind, province_id, address, story, verified, is_demo, "
                    "created_at) VALUES (:id, :slug, 'P', 'household', 1, '', '', :v, false, '2025-01-01')"),
                    {"id": pid, "slug": f"p{pid}", "v": verified})
            conn.execute(sa.text(
                "INSERT INTO products (id, producer_id, category_id, slug, name, description, price, unit, stock, "
                "status, origin, search_text, created_at, updated_at) VALUES (1, 1, 1, 'x', 'x', '', 1, 'u', 1, "
                "'active', '', '', '2025-01-01', '2025-01-01')"))
            conn.execute(sa.text(
                "INSERT INTO certifications (product_id, stars, points, number, issuing_body, level, decided_on, "
                "expires_on, status, created_at) VALUES (1, 4, 80, '1', 'x', 'provincial', '2025-01-01', "
                "'2028-01-01', 'verified', '2025-01-01')"))
        upgrade()
        with db.engine.begin() as conn:
            rows = conn.execute(sa.text("SELECT id, verified, verification_status FROM producers ORDER BY id")).all()
            assert [(r[0], bool(r[1]), r[2]) for r in rows] == [(1, True, "verified"), (2, False, "pending")]
            conn.execute(sa.text("UPDATE certifications SET status = 'expired'"))
        for statement in ("UPDATE producers SET verified = true WHERE id = 2",
                          "UPDATE producers SET verification_status = 'bogus' WHERE id = 2",
                          "UPDATE certifications SET status = 'bogus'",
                          "UPDATE certifications SET stars = 9"):
            with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
                conn.execute(sa.text(statement))
        downgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            assert conn.execute(sa.text("SELECT status FROM certifications")).scalar_one() == "verified"
            assert "verification_status" not in {c["name"] for c in sa.inspect(conn).get_columns("producers")}
        db.session.remove()
        db.engine.dispose()
