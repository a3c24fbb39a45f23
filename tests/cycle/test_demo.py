"""The demo: Lâm Đồng in the middle of its OCOP year, on the demo catalogue, loaded once."""
import re

from marketplace.accounts.services import find_user_by_email
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.cycle import queries
from marketplace.cycle.demo import OFFICER, load_demo_cycle
from marketplace.cycle.models import Dossier, EvaluationRound, ProductIdea, Provenance
from marketplace.cycle.states import DossierStatus, IdeaStatus, PlanStatus, RoundStatus
from marketplace.extensions import db
from marketplace.programme.metrics import Scope, measure


def test_the_demo_province_is_in_the_middle_of_its_year(demo_app, tmp_path):
    demo_app.config["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    demo_app.config["MAIL_DIR"] = str(tmp_path / "mail")
    today = vn_today()
    added = load_demo_cycle(today)
    assert added == {"ideas": 7, "plans": 3, "dossiers": 9, "rounds": 2, "certificates": 2}
    assert set(load_demo_cycle(today).values()) == {0}  # a second run adds nothing

    ideas = db.session.execute(db.select(ProductIdea)).scalars().all()
    assert {i.status for i in ideas} == set(IdeaStatus)
    assert {i.plan.status for i in ideas if i.plan} == set(PlanStatus)
    statuses = {d.status for d in db.session.execute(db.select(Dossier)).scalars()}
    assert {DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.RETURNED, DossierStatus.COMPLETE,
            DossierStatus.EVALUATED} <= statuses
    assert {r.status for r in db.session.execute(db.select(EvaluationRound)).scalars()} == {RoundStatus.CLOSED,
                                                                                            RoundStatus.SCORING}
    waiting = queries.waiting(find_user_by_email(OFFICER), today)
    assert (waiting.ideas, waiting.plans, waiting.dossiers, waiting.central_due, waiting.milestones_late) == (
        1, 1, 1, 1, 1)

    client = demo_app.test_client()
    provenances = db.session.execute(db.select(Provenance)).scalars().all()
    assert len(provenances) == 2
    for origin in provenances:
        product = origin.certification.product
        html = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/products/{product.slug}").get_data(as_text=True)).split())
        assert f"Sản phẩm OCOP {origin.certification.stars} sao" in html
        assert "Hội đồng tỉnh Lâm Đồng, Đợt 1 năm" in html and "điểm trung bình" in html
    assert "Hướng dẫn đăng ký ý tưởng" in client.get("/ocop/guidance").get_data(as_text=True)

    closed = db.session.execute(db.select(EvaluationRound).where(EvaluationRound.status == RoundStatus.CLOSED)
                                ).scalar_one()
    year = vn_today(closed.closed_at).year  # the year the round closed (last year early in January)
    scope = Scope.of_years(find_province("lam-dong"), year, year, today, utcnow())
    assert (measure("products_evaluated", scope).value, measure("products_to_higher_level", scope).value) == (4, 1)
