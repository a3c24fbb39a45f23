"""User text is escaped everywhere the cycle shows it: markup typed into every free-text field
of the cycle is rendered as text on every page that shows it, to every kind of reader."""
import json

from marketplace.catalog.services import find_category
from marketplace.cycle.services import decisions, dossiers, guidance, ideas, requirements, rounds, sheets
from tests.cycle.conftest import PDF_BYTES, SHEET, sign_in

MARK = '<i class="xss">x</i>'


def _hostile_world(world):
    """Every free-text field of the cycle holds MARK; returns the pages to read, by reader."""
    m = MARK
    criteria = [{**c, "text": c["text"] + m} for c in SHEET["criteria"]]
    specs = sheets.parse(json.dumps({"criteria": criteria}))[0]
    sheets.import_sheet(world.national, group_code=2, name="Phiếu " + m, specs=specs)
    requirements.add_requirement(world.national, group_code=2, name_vi="Tài liệu " + m, name_en="Doc " + m)
    idea = ideas.register_idea(world.owner, producer=world.producer,
                               category=find_category("ca-phe-ca-cao"), product_name="Cà phê " + m,
                               local_features="Nét riêng " + m, raw_materials="Nguyên liệu " + m)
    ideas.decide_idea(world.officer, idea, "acknowledge")
    plan = ideas.submit_plan(world.owner, idea, body="Phương án " + m,
                             documents=[("Tệp " + m, PDF_BYTES)])
    ideas.comment_on_plan(world.officer, plan, body="Ý kiến " + m)
    ideas.decide_plan(world.officer, plan, "accept", "Ghi chú " + m)
    ideas.add_milestone(world.owner, plan, title="Mốc " + m, planned_on=world.today,
                        note="Ghi chú mốc " + m)
    dossier = world.filled_dossier()
    dossiers.return_dossier(world.officer, dossier, flagged_ids=[dossier.items[0].id], note="Trả lại " + m)
    dossiers.submit_dossier(world.owner, dossier)
    dossiers.complete_dossier(world.officer, dossier)
    other_owner, _producer, other_product = world.shop("HTX " + m, "lam-dong", "Trà " + m)
    second = world.complete_dossier(other_product, other_owner)
    members = [world.make_user(full_name=f"Thành viên {i} {m}") for i in range(3)]
    round_ = rounds.open_round(world.officer, province=world.lam_dong, name="Đợt " + m)
    for index, member in enumerate(members):
        rounds.add_member(world.officer, round_, email=member.email, role="chair" if index == 0 else "member")
    rounds.assign(world.officer, round_, [dossier, second])
    rounds.start_scoring(world.officer, round_)
    weak, good = round_.entries
    for member in members:
        world.score(member, weak, 18, 10, 16, note="Góp ý " + m)
        world.score(member, good, 31, 20, 27, note="Tốt " + m)
    rounds.close_scoring(members[0], round_)
    decisions.record_decision(world.officer, round_, number="1/QĐ " + m, decided_on=world.today, signer="Ký " + m,
                              issuing_body="UBND " + m, entry_ids=[good.id])
    rounds.open_round(world.officer, province=world.lam_dong, name="Đợt mở " + m)
    post = guidance.create_post(world.officer, province=world.lam_dong, kind="news",
                                title="Tin " + m, body="Nội dung " + m)
    guidance.add_attachment(world.officer, post, name="Văn bản " + m, data=PDF_BYTES)
    guidance.move_post(world.officer, post, "published")
    return {
        world.officer: ["/admin/ocop/", "/admin/ocop/ideas", f"/admin/ocop/ideas/{idea.id}", "/admin/ocop/plans",
                        f"/admin/ocop/plans/{plan.id}", "/admin/ocop/dossiers", f"/admin/ocop/dossiers/{dossier.id}",
                        "/admin/ocop/rounds", f"/admin/ocop/rounds/{round_.id}", f"/admin/ocop/rounds/{round_.id + 1}",
                        "/admin/ocop/sheets", f"/admin/ocop/sheets/{weak.sheet_id}", "/admin/ocop/requirements",
                        "/admin/ocop/guidance", f"/admin/ocop/guidance/{post.id}"],
        world.owner: ["/studio/ocop/", f"/studio/ocop/ideas/{idea.id}", f"/studio/ocop/plans/{plan.id}",
                      f"/studio/ocop/dossiers/{dossier.id}", "/studio/ocop/dossiers/new"],
        members[1]: ["/ocop/council/", f"/ocop/council/rounds/{round_.id}",
                     f"/ocop/council/rounds/{round_.id}/entries/{weak.id}"],
        None: ["/ocop/guidance", f"/ocop/guidance/{post.slug}", f"/products/{other_product.slug}"],
    }


def test_markup_in_every_field_is_shown_as_text(world, client):
    pages = _hostile_world(world)
    seen = 0
    for reader, urls in pages.items():
        if reader is not None:
            sign_in(client, reader)
        else:
            with client.session_transaction() as session:
                session.clear()
        for url in urls:
            response = client.get(url)
            html = response.get_data(as_text=True)
            assert response.status_code == 200, url
            assert 'class="xss"' not in html, url
            seen += html.count("&lt;i class=&#34;xss&#34;&gt;")
    assert seen > 40  # the markup was there, as text
