"""The decision: recognised products get a VERIFIED certificate through the catalogue's own
services, with its provenance; the product page shows the badge and where it comes from."""
from datetime import timedelta

import pytest

from marketplace.audit.services import entries_for
from marketplace.catalog.models import CertificationLevel, CertificationStatus
from marketplace.catalog.rating import badge_for
from marketplace.core.errors import ValidationError
from marketplace.cycle.models import Provenance
from marketplace.cycle.provenance import provenance_for, summary
from marketplace.cycle.services import decisions, rounds
from marketplace.cycle.states import EntryStatus
from marketplace.extensions import db


def _closed_round(world, scores):
    """A closed round of the world's producers; `scores`: one (A, B, C) per member for each product."""
    products = [world.product] + [world.shop(f"HTX số {i}", "lam-dong", f"Sản phẩm {i}")[2]
                                  for i in range(1, len(scores))]
    dossiers = [world.complete_dossier(p, p.producer.members[0].user) for p in products]
    members = world.council()
    round_ = world.round(members, dossiers)
    for entry, product_scores in zip(round_.entries, scores):
        for member, (a, b, c) in zip(members, product_scores):
            world.score(member, entry, a, b, c)
    rounds.close_scoring(members[0], round_)
    return round_


def _decide(world, round_, entry_ids, decided_on=None):
    return decisions.record_decision(world.officer, round_, number="1568/QĐ-UBND",
                                     decided_on=decided_on or world.today, signer="Nguyễn Văn Sỹ",
                                     issuing_body="UBND tỉnh Lâm Đồng", entry_ids=entry_ids)


def test_a_recognised_product_gets_a_verified_certificate_with_its_provenance(world, client, letters):
    round_ = _closed_round(world, [[(31, 20, 26), (31, 20, 27), (31, 20, 28)],      # 78 → 4 stars
                                   [(18, 10, 16), (17, 11, 15), (19, 10, 17)]])     # 44.33: not recognised
    good, weak = round_.entries
    assert decisions.recognisable(good) and not decisions.recognisable(weak)
    _decide(world, round_, [good.id])
    assert (good.status, weak.status) == (EntryStatus.RECOGNISED, EntryStatus.NOT_RECOGNISED)
    [cert] = world.product.certifications
    assert (cert.status, cert.stars, cert.points, cert.number, cert.level) == (
        CertificationStatus.VERIFIED, 4, 78, "1568/QĐ-UBND", CertificationLevel.PROVINCIAL)
    assert cert.is_current(world.today) and badge_for(world.product, world.today).stars == 4
    assert cert.reviewed_by_id == world.officer.id and cert.scan_path is None
    origin = provenance_for(cert)
    assert (origin.round_id, origin.average_x100, origin.parts_x100, origin.members) == (
        round_.id, 7800, {"A": 3100, "B": 2000, "C": 2700}, 3)
    assert summary(origin).as_dict()["parts"] == {"A": "31", "B": "20", "C": "27"}
    assert [e.action for e in entries_for("certification", cert.id)] == ["certification.recognised"]

    html = client.get(f"/products/{world.product.slug}").get_data(as_text=True)
    assert "Sản phẩm OCOP 4 sao" in html
    assert "Hội đồng tỉnh Lâm Đồng, Đợt 1, điểm trung bình 78/100:" in " ".join(html.split())
    assert "A 31, B 20, C 27" in html
    client.get("/lang/en")
    english = " ".join(client.get(f"/products/{world.product.slug}").get_data(as_text=True).split())
    assert "Council of Lâm Đồng, Đợt 1, average score 78/100: A 31, B 20, C 27" in english
    subjects = [subject for _to, subject, _body in letters()]
    assert "Sản phẩm “Cà phê Cầu Đất” được công nhận OCOP 4 sao" in subjects
    assert "Sản phẩm “Sản phẩm 1” chưa được công nhận OCOP" in subjects


def test_anyone_checking_the_star_sees_where_it_comes_from(world, client):
    """The public verify page and its JSON carry the council's scoring, as the product page does."""
    from marketplace.registry.codes import code_for
    round_ = _closed_round(world, [[(31, 20, 26), (31, 20, 27), (31, 20, 28)]])
    _decide(world, round_, [round_.entries[0].id])
    [cert] = world.product.certifications
    page = " ".join(client.get(f"/ocop/verify/{code_for(cert)}").get_data(as_text=True).split())
    assert "Hội đồng tỉnh Lâm Đồng, Đợt 1, điểm trung bình 78/100: A 31, B 20, C 27" in page
    evaluation = client.get(f"/api/v1/ocop/verify/{code_for(cert)}").json["evaluation"]
    assert evaluation == {"province": {"code": world.product.producer.province.code, "slug": "lam-dong",
                                       "name": "Lâm Đồng"},
                          "round": "Đợt 1", "members": 3, "average": 78.0, "parts": {"A": 31.0, "B": 20.0, "C": 27.0},
                          "central_points": None, "signer": "Nguyễn Văn Sỹ"}


def test_an_uploaded_certificate_shows_no_provenance(world, make_certification, client):
    from marketplace.registry.codes import code_for
    cert = make_certification(world.product, stars=4, decided_on=world.today - timedelta(days=10))
    assert provenance_for(cert) is None
    html = client.get(f"/products/{world.product.slug}").get_data(as_text=True)
    assert "Sản phẩm OCOP 4 sao" in html and "điểm trung bình" not in html
    assert "điểm trung bình" not in client.get(f"/ocop/verify/{code_for(cert)}").get_data(as_text=True)
    assert client.get(f"/api/v1/ocop/verify/{code_for(cert)}").json["evaluation"] is None


def test_what_the_decision_may_and_may_not_do(world):
    round_ = _closed_round(world, [[(31, 20, 26)] * 3, [(38, 24, 31)] * 3])       # 77 and 93 (proposed)
    usual, proposed = round_.entries
    assert proposed.status is EntryStatus.PROPOSED
    for entry_ids in ([proposed.id], [usual.id, 999_999]):
        with pytest.raises(ValidationError):
            _decide(world, round_, entry_ids)
    with pytest.raises(ValidationError):  # not in the future
        _decide(world, round_, [usual.id], world.today + timedelta(days=1))
    with pytest.raises(ValidationError):  # not before scoring closed
        _decide(world, round_, [usual.id], world.today - timedelta(days=1))
    with pytest.raises(Exception):
        decisions.record_decision(world.other_officer, round_, number="1/QĐ", decided_on=world.today, signer="X",
                                  issuing_body="UBND", entry_ids=[usual.id])
    db.session.expire_all()
    assert round_.decision is None and not world.product.certifications
    _decide(world, round_, [usual.id])
    assert proposed.status is EntryStatus.PROPOSED  # waits for the central result


def test_the_central_result_makes_a_five_star_certificate_at_the_central_level(world, client):
    round_ = _closed_round(world, [[(38, 24, 31), (37, 23, 31), (37, 24, 30)]])   # 91.67
    [entry] = round_.entries
    with pytest.raises(ValidationError):
        decisions.record_central_result(world.officer, entry, points=101, number="9/QĐ-BNNMT",
                                        decided_on=world.today, signer="Bộ trưởng", issuing_body="Bộ NN&MT")
    cert = decisions.record_central_result(world.officer, entry, points=92, number="9/QĐ-BNNMT",
                                           decided_on=world.today, signer="Thứ trưởng",
                                           issuing_body="Bộ Nông nghiệp và Môi trường")
    assert (cert.stars, cert.points, cert.level, cert.status) == (5, 92, CertificationLevel.CENTRAL,
                                                                  CertificationStatus.VERIFIED)
    origin = db.session.execute(db.select(Provenance)).scalar_one()
    assert (origin.central_points, origin.average_x100, origin.decision_id) == (92, 9167, None)
    html = " ".join(client.get(f"/products/{world.product.slug}").get_data(as_text=True).split())
    assert "điểm trung bình 91,67/100" in html and "hội đồng cấp trung ương: 92/100" in html


def test_a_central_result_below_the_bands_recognises_nothing(world):
    round_ = _closed_round(world, [[(38, 24, 31)] * 3])
    [entry] = round_.entries
    assert decisions.record_central_result(world.officer, entry, points=45, number="9/QĐ", decided_on=world.today,
                                           signer="X", issuing_body="Bộ") is None
    assert entry.status is EntryStatus.NOT_RECOGNISED and entry.central_points == 45
    assert not world.product.certifications
