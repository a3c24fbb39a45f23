"""The demo matching data loads on the demo catalogue, makes sense, and loads once."""
from marketplace.core.timeutil import vn_today
from marketplace.events.demo import load_demo_events
from marketplace.matching import matcher
from marketplace.matching.demo import EVENT_SLUG, demo_counts, load_demo_matching
from marketplace.matching.models import Demand, MeetingRequest, MeetingStatus


def test_demo_matching_loads_once_and_matches(demo_app):
    today = vn_today()
    load_demo_events(today)
    added = load_demo_matching(today)
    assert added["buyers"] == 3 and added["offers"] >= 10 and added["demands"] >= 9
    assert added["meeting requests"] >= 6
    counts = demo_counts()
    assert load_demo_matching(today) == {"buyers": 0, "demands": 0, "offers": 0, "meeting requests": 0}
    assert demo_counts() == counts
    demands = Demand.query.filter_by(is_demo=True).all()
    ranked = [matcher.rank_offers_for_demand(d.id, today) for d in demands]
    assert sum(1 for r in ranked if r.matches) >= len(demands) // 2
    best = max((m for r in ranked for m in r.matches), key=lambda m: m.score)
    assert best.score >= 70
    scheduled = MeetingRequest.query.filter_by(status=MeetingStatus.SCHEDULED).count()
    assert scheduled >= 6
    client = demo_app.test_client()
    assert client.get(f"/events/{EVENT_SLUG}").status_code == 200
    assert client.get("/matching/").status_code == 200
