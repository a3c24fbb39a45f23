"""An officer's new plan sent twice (a double tap, a reload) is one plan; the repeat shows it."""
from marketplace.programme.models import ProgrammePlan
from tests.programme.test_pages import _form, login
from tests.submissions import assert_created_once


def test_a_new_plan_sent_twice_is_one_plan(client, forms, db, make_user):
    login(forms, make_user("officer"))
    first, _second = assert_created_once(forms, "/programme/plans/new", _form(),
                                         lambda: db.session.query(ProgrammePlan).filter_by(from_file=False).count())
    assert first.headers["Location"] == "/programme/plans/can-tho-2026"
