"""The one-submission mechanism (core/submissions.py) and a sweep over every form of the site:
each POST form either carries a one-time token or is listed below with why it needs none."""
import re
from pathlib import Path

import pytest

from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.submissions import AlreadySubmitted, FormSubmission

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# POST forms that create nothing, so a repeat is harmless or already refused by a state machine.
# A new form that creates a record must carry {{ submission_field(...) }} instead of joining this list.
CREATES_NOTHING = {
    "accounts/login.html": "signs in",
    "accounts/password.html": "changes the password (the same one twice)",
    "accounts/register.html": "the account's e-mail address is unique; sign-up belongs to the accounts work",
    "admin/_decision.html": "a state machine move: a repeat is refused as not allowed",
    "accounts.logout": "signs out",
    "events.withdraw": "a state machine move",
    "organizer.check_in": "a repeat answers 'already checked in'",
    "events/organizer/event.html": "publish, postpone, cancel and decide: state machine moves",
    "organizer.stock": "showroom × product is a primary key: shown once however often it is added",
    "organizer.unstock": "removes",
    "events.cancel_ticket": "a state machine move",
    "matching/_macros.html": "open, pause, close a post: state machine moves",
    "matching.answer": "a state machine move",
    "matching.withdraw": "a state machine move",
    "matching.join_meetings": "sets the party's available slots (one row per party and event)",
    "matching.withdraw_meeting": "a state machine move",
    "matching.schedule": "recomputes the schedule; a second run keeps it",
    "matching/settings.html": "sets a preference",
    "orders.update_cart": "sets a quantity (the same one twice)",
    "orders.transfer_received": "a state machine move",
    "orders.cancel": "a state machine move",
    "orders.studio_move": "a state machine move",
    "orders.remove_booking": "removes a booking from the cart",
    "orders.studio_booking_move": "a state machine move",
    "orders.service_terms": "sets how a service is booked (one row per product)",
    "orders.service_day": "closes or opens a date (one row per product and date)",
    "programme.delete_plan": "deletes",
    "studio.switch": "chooses the producer acted for",
    "studio.product_status": "a state machine move",
    "studio.cover_photo": "reorders photos",
    "studio.delete_photo": "deletes",
    "studio.resubmit_profile": "a state machine move",
    "studio.remove_member": "deletes",
    "studio.revoke_invitation": "a state machine move",
    "studio/stock.html": "previews a file (nothing applied); a preview is applied once through its own token",
    "studio.stock_apply": "the preview's token is the submission token (studio/bulk.py)",
    "accounts/confirm.html": "uses a one-time confirmation link: a repeat finds it spent",
    "accounts/confirm_pending.html": "sends the confirmation link again (an e-mail, rate-limited), no record",
    "accounts/reset.html": "sets a new password through a one-time link",
    "accounts/reset_request.html": "sends a reset link (an e-mail, rate-limited), no record",
    "admin.certification_validity_exception": "sets a waiting certificate's expiry and its reason (the same twice)",
    "cycle.close": "a state machine move",
    "cycle_officer.return_dossier": "a state machine move",
    "cycle_officer.complete_dossier": "a state machine move",
    "cycle_officer.guidance_status": "publish, withdraw: state machine moves",
    "cycle/officer/guidance_edit.html": "its own form edits the post (the same text twice)",
    "cycle_officer.guidance_detach": "deletes",
    "cycle_officer.toggle_requirement": "sets a checklist line in or out of use (the button names the state)",
    "cycle_officer.remove_member": "deletes",
    "cycle_officer.unassign": "deletes",
    "cycle_officer.start": "a state machine move",
    "cycle_studio.upload_item": "replaces the checklist line's document (the same file twice)",
    "cycle_studio.missing_item": "marks a checklist line as not available",
    "cycle_studio.submit_dossier": "a state machine move",
    "cycle/studio/idea.html": "sends back the idea the province returned: a state machine move",
    "cycle/studio/plan.html": "its own form sends back the plan the province returned: a state machine move",
    "cycle_studio.milestone_done": "marks a milestone done (the same date twice)",
    "inspection/complaint.html": "moves a report along its state machine (compare-and-set on the status)",
    "training.remove": "marks an official removed (a repeat finds it removed)",
    "events/find_tickets.html": "e-mails a guest's tickets again (rate-limited); creates nothing",
    "myaccount.profile": "sets the account's name, phone and language (the same values twice)",
}

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)


def _post_forms():
    for path in sorted(TEMPLATES.rglob("*.html")):
        for attrs, body in FORM.findall(path.read_text(encoding="utf-8")):
            if re.search(r'method="post"', attrs, re.I):
                action = re.search(r"url_for\('([\w.]+)'", attrs)
                yield str(path.relative_to(TEMPLATES)), action.group(1) if action else None, body


def test_every_form_that_creates_something_carries_a_one_time_token():
    missing = []
    for template, endpoint, body in _post_forms():
        if "submission_field(" in body:
            continue
        if CREATES_NOTHING.get(endpoint) or CREATES_NOTHING.get(template):
            continue
        missing.append(f"{template} → {endpoint or 'itself'}")
    assert missing == [], "POST forms without {{ submission_field(...) }} nor a reason in CREATES_NOTHING"


def test_the_list_of_exceptions_has_no_stale_entries():
    seen = {key for template, endpoint, _ in _post_forms() for key in (template, endpoint)}
    assert sorted(set(CREATES_NOTHING) - seen) == []


# --- the mechanism --------------------------------------------------------------------------------

def _claim_and_create(db, token, kind="demo", record_id=7):
    claim = submissions.claim(token, kind)
    claim.done(record_id)
    db.session.commit()


def test_a_token_is_claimed_once_and_names_its_record(app, db):
    token = submissions.new_token()
    _claim_and_create(db, token)
    with pytest.raises(AlreadySubmitted) as repeat:
        submissions.claim(token, "demo")
    assert (repeat.value.kind, repeat.value.record_id) == ("demo", 7)
    with pytest.raises(AlreadySubmitted):
        submissions.check(token, "demo")
    assert db.session.query(FormSubmission).count() == 1


def test_a_failed_transaction_leaves_its_token_free(app, db):
    token = submissions.new_token()
    submissions.claim(token, "demo")
    db.session.rollback()  # what atomic() does when the service raises after claiming
    submissions.check(token, "demo")  # nothing to find
    _claim_and_create(db, token, record_id=8)
    with pytest.raises(AlreadySubmitted) as repeat:
        submissions.claim(token, "demo")
    assert repeat.value.record_id == 8


def test_a_token_used_by_another_kind_of_form_is_refused_not_followed(app, db):
    token = submissions.new_token()
    _claim_and_create(db, token, kind="order")
    with pytest.raises(ValidationError, match="tải lại trang"):
        submissions.claim(token, "demand")


def test_no_token_claims_nothing(app, db):
    submissions.claim(None, "demo").done(1)
    submissions.check(None, "demo")
    assert db.session.query(FormSubmission).count() == 0


BAD_TOKENS = [None, "", "short", "x" * 65, "a b c d e f g h i j k l", "<script>alert(1)</script>",
              "token\x00with-nul-byte-abc", "đây-là-chữ-việt-không-được", 12345678901234567]


@pytest.mark.parametrize("value", BAD_TOKENS, ids=[f"bad-{n}" for n in range(len(BAD_TOKENS))])
def test_only_well_formed_tokens_are_taken(value):
    assert submissions.clean_token(value) is None
    assert submissions.clean_token(submissions.new_token()) is not None


def test_old_tokens_are_purged(app, db):
    from datetime import timedelta

    from marketplace.core.timeutil import utcnow
    _claim_and_create(db, submissions.new_token())
    assert submissions.purge(utcnow() - timedelta(days=1)) == 0
    assert submissions.purge(utcnow() + timedelta(seconds=1)) == 1


def test_pages_load_the_submit_once_script_from_a_file(client):
    html = client.get("/").get_data(as_text=True)
    script = re.search(r'<script src="(/static/js/submit-once\.[0-9a-f]{12}\.js)" defer></script>', html)
    assert script  # a file (under its content-hashed name): no inline script
    assert client.get(script[1]).status_code == 200
