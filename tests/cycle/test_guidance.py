"""Guidance: officers publish for their province (national officers also for the nation);
producers read what applies to them; the public reads what is published, sanitised."""
import pytest

from marketplace.core.errors import PermissionDenied
from marketplace.cycle.services import guidance
from tests.cycle.conftest import PDF_BYTES, sign_in


def _post(officer, province, title, publish=True):
    post = guidance.create_post(officer, province=province, kind="guidance", title=title,
                                body="Nội dung **đậm**.\n\n<script>alert('x')</script> [liên kết](javascript:alert(1))")
    if publish:
        guidance.move_post(officer, post, "published")
    return post


def test_officers_write_for_their_place_only(world):
    with pytest.raises(PermissionDenied):
        _post(world.officer, world.ha_noi, "Sai tỉnh")
    with pytest.raises(PermissionDenied):
        _post(world.officer, None, "Toàn quốc từ tỉnh")
    mine = _post(world.officer, world.lam_dong, "Hướng dẫn Lâm Đồng")
    with pytest.raises(PermissionDenied):
        guidance.move_post(world.other_officer, mine, "withdrawn")
    national = _post(world.national, None, "Hướng dẫn toàn quốc")
    assert national.province_id is None and mine.status.value == "published"


def test_producers_read_their_province_and_national_posts(world, client):
    _post(world.officer, world.lam_dong, "Hướng dẫn Lâm Đồng")
    _post(world.other_officer, world.ha_noi, "Hướng dẫn Hà Nội")
    _post(world.national, None, "Hướng dẫn toàn quốc")
    _post(world.officer, world.lam_dong, "Bản nháp Lâm Đồng", publish=False)
    sign_in(client, world.owner)
    page = client.get("/studio/ocop/").get_data(as_text=True)
    assert "Hướng dẫn Lâm Đồng" in page and "Hướng dẫn toàn quốc" in page
    assert "Hướng dẫn Hà Nội" not in page and "Bản nháp" not in page


@pytest.mark.both_stores  # the document on the local file system and on S3
def test_the_public_reads_published_posts_sanitised(world, client):
    post = _post(world.officer, world.lam_dong, "Hướng dẫn công khai")
    draft = _post(world.officer, world.lam_dong, "Bản nháp", publish=False)
    attachment = guidance.add_attachment(world.officer, post, name="Văn bản", data=PDF_BYTES)
    listing = client.get("/ocop/guidance?province=lam-dong").get_data(as_text=True)
    assert "Hướng dẫn công khai" in listing and "Bản nháp" not in listing
    page = client.get(f"/ocop/guidance/{post.slug}").get_data(as_text=True)
    assert "<strong>đậm</strong>" in page and "<script>alert" not in page and "javascript:" not in page
    response = client.get(f"/ocop/guidance/{post.slug}/files/{attachment.id}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert client.get(f"/ocop/guidance/{draft.slug}").status_code == 404
    assert client.get("/ocop/guidance?province=khong-co").status_code == 404
    guidance.move_post(world.officer, post, "withdrawn")
    assert client.get(f"/ocop/guidance/{post.slug}/files/{attachment.id}").status_code == 404
    sign_in(client, world.officer)  # its officers still read it
    assert client.get(f"/ocop/guidance/{post.slug}").status_code == 200


def test_an_officer_writes_and_publishes_through_the_pages(world, client, forms):
    sign_in(client, world.officer)
    page = client.get("/admin/ocop/guidance").get_data(as_text=True)
    assert 'value="national"' not in page  # a provincial officer cannot choose "the whole country"
    data = {**forms.hidden("/admin/ocop/guidance"), "province": "lam-dong", "kind": "news",
            "title": "Tin <em>mới</em>", "body": "Nội dung"}  # the page's form, its one-time token included
    first, again = client.post("/admin/ocop/guidance", data=data), client.post("/admin/ocop/guidance", data=data)
    assert first.status_code == again.status_code == 302 and first.location == again.location
    response = client.post(first.location + "/status", data={"csrf_token": data["csrf_token"], "to": "published"})
    assert response.status_code == 302
    client.post(first.location + "/status", data={"csrf_token": data["csrf_token"], "to": "nonsense"})
    listing = client.get("/ocop/guidance").get_data(as_text=True)
    assert "Tin &lt;em&gt;mới&lt;/em&gt;" in listing and listing.count("Tin &lt;em&gt;") == 1
