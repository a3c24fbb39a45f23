"""The demo's plan in progress: whatever the day the demo is loaded, the programme pages
show a plan under way whose figures come from the demo catalogue."""
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.programme import services
from marketplace.programme.demo import load_demo_plan
from marketplace.programme.models import ProgrammePlan


def test_the_demo_plan_is_under_way_on_the_day_it_is_loaded(demo_app):
    today = vn_today()
    assert load_demo_plan(today) == 1 and load_demo_plan(today) == 0  # once
    plan = ProgrammePlan.query.filter(ProgrammePlan.document.contains("(minh họa)")).one()
    assert (plan.start_year, plan.end_year) == (today.year - 1, today.year + 1)  # in its second year
    progress = {item.target.metric: item for item in services.plan_progress(plan, today=today, now=utcnow()).targets}
    assert progress["new_products_3star_plus"].actual > 0  # the demo's certificates of last year and this one
    assert progress["products_standardised"].actual >= progress["new_products_3star_plus"].actual
    assert progress["showrooms"].actual is not None and progress["share_subjects_cooperative"].measure.measurable
    html = demo_app.test_client().get(f"/programme/plans/{plan.slug}").get_data(as_text=True)
    assert plan.document in html and "Phát triển thêm ít nhất 60 sản phẩm OCOP" in html
