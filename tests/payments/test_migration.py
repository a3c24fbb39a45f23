"""Revision 7f3a9c2d5e10 (form tokens, card attempt keys, pending refunds) on a database that
already holds a card attempt, on both engines: the attempt keeps its intent and gets a key, the
new states are accepted, unknown ones still refused, and the way back keeps what it can."""
import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import SHARED_DATA_DIR
from tests.core.test_studio_migration import empty_database_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.undated  # existing rows surviving a migration take no day

BEFORE = "c24e3ba5e66c"


def _one_order_with_an_attempt(conn):
    conn.execute(sa.text("INSERT INTO regions (id, code, slug, name_vi, name_en, position) VALUES (1, 'r', 'r', 'r', "
                         "'r', 0)"))
    conn.execute(sa.text("INSERT INTO macro_regions (id, code, slug, name_vi, name_en, position) "
                         "VALUES (1, 'm', 'm', 'm', 'm', 0)"))
    conn.execute(sa.text("INSERT INTO provinces (id, code, slug, name_vi, name_ascii, kind, region_id, "
                         "macro_region_id) VALUES (1, '01', 'p', 'P', 'P', 'city', 1, 1)"))
    conn.execute(sa.text(
        "INSERT INTO orders (id, reference, access_token, contact_name, phone, email, province_id, ward, street, "
        "note, payment_method, payment_status, subtotal, shipping_total, total, refunded_amount, placed_at) "
        "VALUES (1, 'OCOPAAAAAAAA', 'k', 'A', '0912345678', 'a@example.vn', 1, 'w', 's', '', 'card', 'paid', "
        "100, 20, 120, 0, '2026-11-01')"))
    conn.execute(sa.text(
        "INSERT INTO payment_attempts (id, order_id, provider, intent_id, amount, currency, status, created_at, "
        "updated_at) VALUES (5, 1, 'stripe', 'pi_old', 120, 'vnd', 'succeeded', '2026-11-01', '2026-11-01')"))


@pytest.mark.both_engines
def test_existing_attempts_get_a_key_and_the_new_states_are_allowed(empty_database_url, tmp_path):  # noqa: F811
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": empty_database_url,
                                           "MEDIA_ROOT": str(tmp_path / "media"), "SHARED_DATA_DIR": SHARED_DATA_DIR})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            _one_order_with_an_attempt(conn)
        upgrade()
        with db.engine.begin() as conn:
            assert conn.execute(sa.text("SELECT key, intent_id FROM payment_attempts")).one() == ("legacy-5", "pi_old")
            conn.execute(sa.text("INSERT INTO payment_attempts (order_id, provider, key, amount, currency, status, "
                                 "created_at, updated_at) VALUES (1, 'stripe', 'k2', 120, 'vnd', 'refunded', "
                                 "'2026-11-02', '2026-11-02')"))  # no intent yet, a refunded state
            conn.execute(sa.text("INSERT INTO refunds (order_id, key, amount, status, created_at) "
                                 "VALUES (1, 'duplicate-pi_x', 120, 'pending', '2026-11-02')"))
            conn.execute(sa.text("INSERT INTO form_submissions (token, kind, record_id, created_at) "
                                 "VALUES ('abcdefghijklmnopqrstuvwx', 'order', 1, '2026-11-02')"))
        for statement in ("INSERT INTO form_submissions (token, kind, created_at) "
                          "VALUES ('abcdefghijklmnopqrstuvwx', 'order', '2026-11-02')",  # a token is used once
                          "UPDATE payment_attempts SET key = 'k2' WHERE id = 5",  # a key is one attempt's
                          "UPDATE payment_attempts SET status = 'bogus'",
                          "UPDATE refunds SET status = 'bogus'"):
            with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
                conn.execute(sa.text(statement))
        downgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            assert conn.execute(sa.text("SELECT id, status FROM payment_attempts")).all() == [(5, "succeeded")]
            assert conn.execute(sa.text("SELECT status FROM refunds")).scalar_one() == "manual"
            assert "form_submissions" not in sa.inspect(conn).get_table_names()
        upgrade()
        db.session.remove()
        db.engine.dispose()
