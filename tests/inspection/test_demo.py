"""The demo adds inspections of every outcome, an answered and an open complaint, a roster and a
training course with attendance, a plan measuring the share trained; a second run adds nothing."""
from marketplace.catalog.models import CertificationStatus
from marketplace.core.timeutil import vn_today
from marketplace.events.models import Event, EventKind, RegistrationStatus, VisitorRegistration
from marketplace.extensions import db
from marketplace.inspection.demo import load_demo_inspection
from marketplace.inspection.models import Complaint, ComplaintStatus, Inspection, InspectionOutcome
from marketplace.training.demo import SLUG, load_demo_training


def test_demo_post_inspection_and_training(demo_app, tmp_path):
    demo_app.config["MAIL_DIR"] = str(tmp_path / "mail")  # nothing lands in the checkout
    today = vn_today()
    assert load_demo_inspection(today) == {"inspections": 4, "complaints": 2}
    inspections = db.session.execute(db.select(Inspection)).scalars().all()
    assert {i.outcome for i in inspections} == set(InspectionOutcome)
    for inspection in inspections:
        assert inspection.inspected_on < today
        expected = {InspectionOutcome.REVOKED: CertificationStatus.REVOKED,
                    InspectionOutcome.DOWNGRADED: CertificationStatus.DOWNGRADED}.get(inspection.outcome,
                                                                                     CertificationStatus.VERIFIED)
        assert inspection.certification.status == expected
    downgrade = next(i for i in inspections if i.outcome is InspectionOutcome.DOWNGRADED)
    assert downgrade.replacement.stars == downgrade.stars_before - 1 and downgrade.replacement.is_current(today)
    assert sorted(c.status for c in db.session.execute(db.select(Complaint)).scalars()) == sorted(
        [ComplaintStatus.ANSWERED, ComplaintStatus.NEW])

    assert load_demo_training(today) == {"officials": 8, "courses": 1, "plans": 1}
    course = db.session.execute(db.select(Event).where(Event.slug == SLUG)).scalar_one()
    assert course.kind is EventKind.TRAINING and course.starts_at.date() < today
    checked_in = db.session.execute(db.select(db.func.count(VisitorRegistration.id)).where(
        VisitorRegistration.event_id == course.id, VisitorRegistration.status == RegistrationStatus.CHECKED_IN)
    ).scalar()
    assert checked_in == 6

    assert load_demo_inspection(today) == {"inspections": 0, "complaints": 0}
    assert load_demo_training(today) == {"officials": 0, "courses": 0, "plans": 0}

    client = demo_app.test_client()
    plan = client.get("/api/v1/stats/plans?province=lam-dong").get_json()["items"]
    [trained] = [row for row in plan if row["metric"] == "officials_trained_share" and row["measurable"]]
    assert (trained["numerator"], trained["denominator"], trained["actual"]) == (4, 8, 0.5)
