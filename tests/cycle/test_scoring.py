"""The scoring rules: sheets add up to ocop.json's maxima, a product's score is the average of
the members' totals, its band follows `stars`, scores stay hidden until the chair closes,
a conflicted member is refused, ≥ 90 is proposed to the central level, < 50 gets notes."""
import json
import shutil
from types import SimpleNamespace

import pytest

from marketplace.core import facts
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.cycle import queries
from marketplace.cycle.scoring import format_points, result_of
from marketplace.cycle.services import rounds, sheets
from marketplace.cycle.states import EntryStatus
from tests.conftest import SHARED_DATA_DIR
from tests.cycle.conftest import SHEET, add_member, sign_in

CSV = "part,code,criterion,max_points\nA,A1,Nguyên liệu,40\nB,B1,Tiếp thị,25\nC,C1,Chất lượng,20\nC,C2,Tiêu chuẩn,15\n"


def test_a_sheet_in_csv_or_json_must_add_up_to_each_parts_maximum():
    specs, name = sheets.parse(CSV.encode(), "phieu.csv")
    sheets.check(specs)
    assert name is None and [(s.part, s.max_points) for s in specs] == [("A", 40), ("B", 25), ("C", 20), ("C", 15)]
    specs, name = sheets.parse(json.dumps(SHEET).encode("utf-8"), "phieu.json")
    sheets.check(specs)
    assert name == SHEET["name"] and len(specs) == 18
    wrong = CSV.replace("C,C2,Tiêu chuẩn,15", "C,C2,Tiêu chuẩn,14")
    with pytest.raises(ValidationError) as refused:
        sheets.check(sheets.parse(wrong)[0])
    assert "Phần C cộng lại 34 điểm, phải đúng 35 điểm." in str(refused.value.message)
    for bad, says in ((CSV + "D,D1,Khác,5\n", "Phần “D”"), (CSV.replace("A1", "B1"), "bị trùng"),
                      (CSV.replace(",40", ",bốn mươi"), "số nguyên dương"), (CSV.replace(",25", ",-25"),
                                                                             "số nguyên dương"),
                      ("ma,ten\nA,B\n", "Dòng đầu cần các cột"), ("[1, 2]", "danh sách tiêu chí"),
                      ("{not json", "JSON không đọc được"), ("", "Chưa có tiêu chí")):
        with pytest.raises(ValidationError) as refused:
            sheets.check(sheets.parse(bad.encode())[0])
        assert says in str(refused.value.message), bad


def test_the_maxima_come_from_ocop_json_not_from_the_code(app, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHARED_DATA_DIR, data)
    ocop = json.loads((data / "ocop.json").read_text(encoding="utf-8"))
    for part, points in zip(ocop["criteria"]["parts"], (35, 25, 40)):  # Decision 1048 (2019)
        part["max_points"] = points
    (data / "ocop.json").write_text(json.dumps(ocop, ensure_ascii=False), encoding="utf-8")
    app.config["SHARED_DATA_DIR"] = str(data)
    try:
        with pytest.raises(ValidationError):
            sheets.check(sheets.parse(CSV)[0])
        sheets.check(sheets.parse("part,code,criterion,max_points\nA,A1,x,35\nB,B1,y,25\nC,C1,z,40\n")[0])
    finally:
        facts._load.cache_clear()


def test_only_national_officers_import_sheets_and_a_new_one_replaces_the_active_one(world):
    specs = sheets.parse(CSV)[0]
    with pytest.raises(PermissionDenied):
        sheets.import_sheet(world.officer, group_code=2, name="Phiếu tỉnh", specs=specs)
    old = sheets.active_sheet(2)
    new = sheets.import_sheet(world.national, group_code=2, name="Phiếu 2027", specs=specs)
    assert sheets.active_sheet(2).id == new.id and not old.active
    with pytest.raises(ValidationError):
        sheets.import_sheet(world.national, group_code=9, name="Nhóm lạ", specs=specs)


def _scores(*totals_and_parts):
    return [SimpleNamespace(total=sum(p), parts=dict(zip("ABC", p))) for p in totals_and_parts]


@pytest.mark.parametrize("members, average, points, stars, proposed, notes", [
    ([(31, 20, 26), (31, 20, 27), (31, 20, 28)], "78", 78, 4, False, False),
    ([(23, 20, 26), (23, 20, 27), (24, 20, 26)], "69,67", 69, 3, False, False),   # not rounded up into 4 stars
    ([(40, 25, 24), (40, 25, 25)], "89,5", 89, 4, False, False),                   # 89.5 is not 90
    ([(40, 25, 25), (40, 25, 25)], "90", 90, 5, True, False),
    ([(20, 15, 15), (20, 15, 14), (20, 15, 14)], "49,33", 49, 2, False, True),
    ([(20, 15, 15)], "50", 50, 3, False, False),
])
def test_average_band_proposal_and_notes(app, members, average, points, stars, proposed, notes):
    result = result_of(_scores(*members))
    assert (format_points(result.average_x100), result.points, result.stars) == (average, points, stars)
    assert (result.proposed, result.needs_notes, result.scorers) == (proposed, notes, len(members))


def test_part_averages_and_points_written_in_english(app):
    result = result_of(_scores((31, 20, 26), (30, 21, 27), (31, 20, 28)))
    assert result.parts_x100 == {"A": 3067, "B": 2033, "C": 2700}
    assert format_points(7833, "en") == "78.33" and format_points(7830) == "78,3"


def test_members_see_only_their_own_scores_until_the_chair_closes(world, client):
    chair, second, third = members = world.council()
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    world.score(second, entry, 31, 20, 27, note="Bao bì đẹp")
    assert [s.member_id for s in queries.visible_scores(second, entry)] == [second.id]
    assert queries.visible_scores(third, entry) == [] and queries.visible_scores(world.officer, entry) == []
    sign_in(client, third)
    page = client.get(f"/ocop/council/rounds/{round_.id}").get_data(as_text=True)
    assert "78/100" not in page and "Bao bì đẹp" not in page and "Chưa chấm" in page
    assert "Bao bì đẹp" not in client.get(f"/ocop/council/rounds/{round_.id}/entries/{entry.id}").get_data(as_text=True)
    with pytest.raises(PermissionDenied):
        rounds.close_scoring(second, round_)  # only the chair closes
    with pytest.raises(ValidationError) as refused:
        rounds.close_scoring(chair, round_)   # two members have not scored
    assert third.full_name in str(refused.value.message)
    world.score(chair, entry, 31, 20, 26)
    world.score(third, entry, 31, 20, 28)
    rounds.close_scoring(chair, round_)
    assert len(queries.visible_scores(third, entry)) == 3
    page = client.get(f"/ocop/council/rounds/{round_.id}").get_data(as_text=True)
    assert "Điểm trung bình 78/100" in page and f"{second.full_name}: 78" in page


def test_a_member_who_acts_for_the_producer_does_not_score_its_products(world, client):
    chair, conflicted, third, fourth = members = world.council(4)
    add_member(conflicted, world.producer)
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    with pytest.raises(PermissionDenied):
        world.score(conflicted, entry, 40, 25, 35)
    sign_in(client, conflicted)
    assert client.get(f"/ocop/council/rounds/{round_.id}/entries/{entry.id}").status_code == 403
    assert "Không chấm" in client.get(f"/ocop/council/rounds/{round_.id}").get_data(as_text=True)
    for member in (chair, third, fourth):
        world.score(member, entry, 30, 20, 25)
    rounds.close_scoring(chair, round_)  # the conflicted member is not waited for
    assert entry.scorers == 3 and entry.average_x100 == 7500


def test_a_product_at_90_points_or_more_is_proposed_to_the_central_level(world, letters):
    members = world.council()
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    for member, c in zip(members, (30, 31, 32)):
        world.score(member, entry, 37, 23, c)
    rounds.close_scoring(members[0], round_)
    assert entry.status is EntryStatus.PROPOSED and entry.proposed_at is not None and entry.stars == 5
    assert queries.waiting(world.officer, world.today).central_due == 1
    body = letters()[-1][2]
    assert "91/100" in body and "cấp trung ương" in body


def test_below_50_points_the_producer_reads_the_members_notes(world, client):
    members = world.council()
    weak, good = world.complete_dossier(), world.complete_dossier(world.other_product, world.other_owner,
                                                                   world.other_officer)
    round_ = world.round(members, [weak])
    entry = round_.entries[0]
    notes = ["Cần kiểm nghiệm vi sinh.", "Bao bì thiếu <b>truy xuất</b>.", ""]
    for member, note in zip(members, notes):
        world.score(member, entry, 18, 10, 16, note=note)
    rounds.close_scoring(members[0], round_)
    assert queries.producer_notes(entry) == notes[:2]
    sign_in(client, world.owner)
    page = client.get(f"/studio/ocop/dossiers/{weak.id}").get_data(as_text=True)
    assert "Cần kiểm nghiệm vi sinh." in page and "Bao bì thiếu &lt;b&gt;truy xuất&lt;/b&gt;." in page
    assert members[0].full_name not in page  # notes without the members' names
    # A product at 50 or more does not get the notes.
    other_round = world.round(members, [good], officer=world.other_officer, province=world.ha_noi)
    other = other_round.entries[0]
    for member in members:
        world.score(member, other, 25, 15, 20, note="Ghi chú nội bộ")
    rounds.close_scoring(members[0], other_round)
    assert queries.producer_notes(other) == []


def test_scoring_is_checked_against_the_sheet(world):
    members = world.council()
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    criterion = entry.sheet.criteria[0]
    points = {c.id: 0 for c in entry.sheet.criteria}
    for bad in (criterion.max_points + 1, -1, "3", None, True):
        with pytest.raises(ValidationError):
            rounds.submit_score(members[1], entry, points={**points, criterion.id: bad})
    with pytest.raises(PermissionDenied):  # not on the council
        rounds.submit_score(world.owner, entry, points=points)
    first = world.score(members[1], entry, 30, 20, 25)
    again = world.score(members[1], entry, 31, 20, 25)  # sending again replaces
    assert again.id == first.id and again.total == 76 and len(entry.scores) == 1


def test_the_council_needs_a_chair_and_three_people(world):
    round_ = world.round(world.council(2), [world.complete_dossier()], start=False)
    with pytest.raises(ValidationError):
        rounds.start_scoring(world.officer, round_)
    with pytest.raises(ValidationError):  # one chair only
        rounds.add_member(world.officer, round_, email=world.make_user().email, role="chair")
    rounds.add_member(world.officer, round_, email=world.make_user().email)
    rounds.start_scoring(world.officer, round_)
    with pytest.raises(InvalidTransition):
        rounds.add_member(world.officer, round_, email=world.make_user().email)
