"""Posts, their state machine, candidates (category and search engine), ranking with reasons,
recomputation when something changes, and the announcements of new strong matches."""
from datetime import timedelta

import pytest

from marketplace.catalog.services import find_category, transition_certification
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.extensions import db
from marketplace.matching import matcher, strong
from marketplace.matching.models import Match, MatchNotice, PostStatus
from marketplace.matching.services.posts import expire_posts, transition_demand, transition_offer, update_offer
from marketplace.matching.services.preferences import set_preference
from marketplace.matching.tables import MatchingTables, get_tables
from tests.matching.conftest import TODAY


def _offer_ids(demand):
    return [m.offer_id for m in matcher.rank_offers_for_demand(demand.id, TODAY).matches]


@pytest.mark.both_engines
def test_a_demand_finds_the_offer_with_reasons_in_a_traders_words(pair):
    ranking = matcher.rank_offers_for_demand(pair["demand"].id, TODAY)
    assert [m.offer_id for m in ranking.matches] == [pair["offer"].id]
    match = ranking.matches[0]
    texts = {r.factor: str(r.text) for r in match.reasons}
    assert texts["product"] == "đúng mặt hàng “Bưởi da xanh”, đúng loại hàng"
    assert texts["price"] == "giá trong ngân sách"
    assert texts["quantity"] == "đủ số lượng"
    assert texts["distance"].startswith("cách ") and texts["distance"].endswith("km, giao được đến Hà Nội")
    assert texts["stars"] == "OCOP 4 sao, chứng nhận còn hiệu lực"
    assert "chưa có dữ liệu đơn hàng" in texts["record"]
    assert match.score == round(sum(r.points for r in match.reasons))
    # From the offer's side: the same pair, the same score.
    other_way = matcher.rank_demands_for_offer(pair["offer"].id, TODAY)
    assert [(m.demand_id, m.score) for m in other_way.matches] == [(pair["demand"].id, match.score)]


def test_ranking_puts_the_better_offer_first(pair, make_seller, make_offer, drain):
    producer, user = make_seller(name="HTX Xa", province="lam-dong")
    worse = make_offer(producer, user, price_min=58_000, delivers_nationwide=False, quantity=500)
    drain()
    assert _offer_ids(pair["demand"]) == [pair["offer"].id, worse.id]
    ranking = matcher.rank_offers_for_demand(pair["demand"].id, TODAY)
    reasons = {r.factor: str(r.text) for r in ranking.matches[1].reasons}
    assert reasons["price"] == "giá cao hơn ngân sách 16%"
    assert reasons["quantity"] == "đủ 25% số lượng"
    assert "chưa giao đến Hà Nội" in reasons["distance"]
    assert reasons["stars"] == "chưa có sao OCOP còn hiệu lực"


def test_candidates_come_from_the_group_and_from_the_search_engine(pair, make_seller, make_offer, drain):
    producer, user = make_seller(name="HTX Khác nhóm")
    # Another OCOP group entirely (Đồ uống), but its words are the demand's: the engine finds it.
    juice = make_offer(producer, user, title="Nước ép bưởi da xanh", category=find_category("nuoc-giai-khat"))
    unrelated = make_offer(producer, user, title="Rượu nếp cái", category=find_category("ruou"))
    same_group = make_offer(producer, user, title="Xoài cát Hòa Lộc", category=find_category("nong-san-tuoi"))
    drain()
    ranking = matcher.rank_offers_for_demand(pair["demand"].id, TODAY, limit=20)
    ids = [m.offer_id for m in ranking.matches]
    assert ranking.engine == "embedded"
    assert juice.id in ids and same_group.id in ids and unrelated.id not in ids
    by_id = {m.offer_id: m for m in ranking.matches}
    assert str(by_id[same_group.id].reasons[0].text).startswith("không có từ “Bưởi da xanh”; đúng loại hàng")
    assert by_id[pair["offer"].id].score > by_id[juice.id].score > 0


def test_hard_rules_drop_pairs_and_say_how_many(pair, make_seller, make_offer, make_demand, drain):
    producer, user = make_seller(name="HTX Mùa đông")
    winter = make_offer(producer, user, season_months=[12, 1])
    big_orders = make_offer(producer, user, min_order=5000)
    bottles = make_offer(producer, user, unit="chai")
    organic = make_demand(pair["buyer"], pair["buyer_user"], certificates=["organic"])
    drain()
    ranking = matcher.rank_offers_for_demand(pair["demand"].id, TODAY, limit=20)
    ids = [m.offer_id for m in ranking.matches]
    wanted_months = {(TODAY + timedelta(days=d)).month for d in range(31)}
    assert (winter.id in ids) == bool(wanted_months & {12, 1})
    assert big_orders.id not in ids and bottles.id not in ids
    assert ranking.dropped["min_order"] >= 1 and ranking.dropped["unit"] >= 1
    assert matcher.failed_rules(pair["demand"].id, big_orders.id, TODAY) == ["min_order"]
    assert matcher.rank_offers_for_demand(organic.id, TODAY).matches == []
    assert matcher.failed_rules(organic.id, pair["offer"].id, TODAY) == ["certificates"]


def test_a_minimum_of_stars_uses_the_current_certificate(pair, make_demand, drain):
    five = make_demand(pair["buyer"], pair["buyer_user"], min_stars=5)
    four = make_demand(pair["buyer"], pair["buyer_user"], min_stars=4)
    drain()
    assert _offer_ids(five) == [] and _offer_ids(four) == [pair["offer"].id]
    # The officer revokes the certificate: the listing has no stars any more, the offer drops out.
    certification = pair["product"].certifications[0]
    transition_certification(certification, "revoked", reason="Sai hồ sơ")
    drain()
    assert _offer_ids(four) == []
    assert _offer_ids(pair["demand"]) == [pair["offer"].id]  # no minimum: still a match, without star points


def test_posts_move_through_their_state_machine_and_only_open_ones_match(pair, drain):
    demand, offer = pair["demand"], pair["offer"]
    transition_offer(pair["producer_user"], offer, "paused", today=TODAY)
    assert _offer_ids(demand) == []
    transition_offer(pair["producer_user"], offer, "open", today=TODAY)
    assert _offer_ids(demand) == [offer.id]
    transition_demand(pair["buyer_user"], demand, "closed", today=TODAY)
    assert matcher.rank_offers_for_demand(demand.id, TODAY).matches == []
    with pytest.raises(InvalidTransition):
        transition_demand(pair["buyer_user"], demand, "open", today=TODAY)
    with pytest.raises(InvalidTransition):
        transition_offer(pair["producer_user"], offer, "expired", today=TODAY)  # the daily job's move


def test_expired_posts_stop_matching_on_their_day(pair):
    demand = pair["demand"]
    day_after = demand.expires_on + timedelta(days=1)
    assert matcher.rank_offers_for_demand(demand.id, demand.expires_on).matches
    assert matcher.rank_offers_for_demand(demand.id, day_after).matches == []
    assert expire_posts(day_after) == 1
    assert db.session.get(type(demand), demand.id).status is PostStatus.EXPIRED
    with pytest.raises(ValidationError):  # opening again needs a new expiry date
        transition_demand(pair["buyer_user"], demand, "open", today=day_after)


def test_an_offer_of_an_unverified_producer_cannot_open(make_seller, make_offer):
    producer, user = make_seller(verified=False)
    with pytest.raises(ValidationError):
        make_offer(producer, user)
    draft = make_offer(producer, user, publish=False)
    assert draft.status is PostStatus.DRAFT


def test_bad_input_is_refused_with_the_field(make_buyer, make_demand, make_seller, make_offer):
    buyer, user = make_buyer()
    with pytest.raises(ValidationError) as error:
        make_demand(buyer, user, quantity=0)
    assert error.value.field == "quantity"
    with pytest.raises(ValidationError) as error:
        make_demand(buyer, user, wanted_from=TODAY + timedelta(days=40))
    assert error.value.field == "wanted_from"
    producer, producer_user = make_seller()
    with pytest.raises(ValidationError) as error:
        make_offer(producer, producer_user, price_min=50_000, price_max=40_000)
    assert error.value.field == "price_max"


def test_every_process_sees_a_change_on_its_next_match(pair, make_seller, make_offer, app):
    other_process = MatchingTables().refresh(TODAY)  # as another gunicorn worker would hold it
    assert other_process.offers.size == 1
    producer, user = make_seller(name="HTX Mới")
    newcomer = make_offer(producer, user)
    update_offer(pair["producer_user"], pair["offer"], today=TODAY, title="Bưởi da xanh loại 1",
                 category=find_category("nong-san-tuoi"), product=pair["product"], quantity=3000,
                 unit="kg", price_min=70_000, expires_on=TODAY + timedelta(days=60),
                 delivers_nationwide=True)
    other_process.refresh(TODAY)
    assert newcomer.id in other_process.offers.row_of
    row = other_process.offers.row_of[pair["offer"].id]
    assert other_process.offers.price_min[row] == 70_000
    assert other_process.offers.size == 2  # changed rows stay in place


def test_new_strong_matches_are_announced_once_at_once_or_in_the_digest(pair, make_offer, mailbox, drain):
    set_preference(pair["buyer_user"], "immediate")  # the producer keeps the daily digest
    first = mailbox()
    assert not first  # the pair of the fixture was found before anyone chose "at once"
    assert db.session.execute(db.select(Match)).scalars().one().active
    second = make_offer(pair["producer"], pair["producer_user"], title="Bưởi da xanh loại 2", price_min=38_000)
    drain()
    mails = mailbox()
    assert len(mails) == 1 and "Kết nối cung cầu: 1 đối tác phù hợp mới" in mails[0]
    assert "Bưởi da xanh loại 2" in mails[0] and "giá trong ngân sách" in mails[0]
    # The daily digest: the producer hears of both matches; the buyer of the first one, found while
    # the buyer was still on the digest. Once.
    assert strong.send_digests(TODAY) == 2
    digests = mailbox()[1:]
    assert sorted(d.count("/100 điểm") for d in digests) == [1, 2]
    assert any("Bản tin hằng ngày: có 2 kết nối cung cầu phù hợp mới" in d for d in digests)
    assert strong.send_digests(TODAY) == 0
    # Recomputing from scratch finds nothing new to announce.
    report = strong.recompute_all(TODAY)
    assert report.new == 0 and report.strong == 2
    assert db.session.execute(db.select(db.func.count(MatchNotice.id))).scalar() == 4  # 2 matches × 2 people
    # A pair that weakens is kept inactive; strengthening again tells nobody twice.
    update_offer(pair["producer_user"], second, today=TODAY, title="Bưởi da xanh loại 2",
                 category=find_category("nong-san-tuoi"), quantity=3000, unit="kg", price_min=90_000,
                 expires_on=TODAY + timedelta(days=60))
    drain()
    weak = db.session.execute(db.select(Match).where(Match.offer_id == second.id)).scalar_one()
    assert not weak.active


def test_nobody_hears_with_never(pair, make_offer, mailbox, drain):
    set_preference(pair["buyer_user"], "never")
    set_preference(pair["producer_user"], "never")
    make_offer(pair["producer"], pair["producer_user"], title="Bưởi da xanh loại 2")
    drain()
    assert mailbox() == [] and strong.send_digests(TODAY) == 0


@pytest.mark.both_engines
def test_recompute_all_records_every_strong_match(pair, make_buyer, make_demand, drain):
    buyer, user = make_buyer(name="Nhà hàng Sen")
    make_demand(buyer, user, title="Bưởi da xanh", quantity=500)
    db.session.execute(db.delete(Match))
    db.session.commit()
    report = strong.recompute_all(TODAY, announce_new=False)
    assert report.posts == 2 and report.strong == 2 and report.new == 2
    assert strong.recompute_all(TODAY).new == 0


def test_the_search_indexes_hold_only_open_posts(pair, drain, app):
    from marketplace.search import get_engine
    engine = get_engine(app)
    assert engine.count("offers") == 1 and engine.count("demands") == 1
    transition_offer(pair["producer_user"], pair["offer"], "closed", today=TODAY)
    drain()
    assert engine.count("offers") == 0
    assert get_tables().refresh(TODAY).offers.active.sum() == 0
