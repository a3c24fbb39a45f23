"""CSV stock and price update: good, bad and mixed files; all or nothing."""
import io
from datetime import timedelta

import pytest

from marketplace.audit.models import AuditEntry
from marketplace.core.errors import ValidationError
from marketplace.core.submissions import AlreadySubmitted
from marketplace.extensions import db
from marketplace.studio import bulk
from marketplace.studio.models import StockImport
from tests.studio.fixtures import sign_in


@pytest.fixture
def catalogue(shop, make_product):
    owner, producer, draft = shop()
    honey = make_product(producer=producer, name="Mật ong", price=150_000, stock=10)
    tea = make_product(producer=producer, name="Trà", price=80_000, stock=0)
    return owner, producer, {"draft": draft, "honey": honey, "tea": tea}


def _csv(*lines, encoding="utf-8"):
    return ("\n".join(lines) + "\n").encode(encoding)


def test_good_file_previews_then_applies_every_change(catalogue):
    owner, producer, p = catalogue
    data = _csv("slug,name,price,stock", f"{p['honey'].slug},Mật ong,165.000,8", f"{p['tea'].slug},Trà,,25",
                f"{p['draft'].slug},,120000,3")
    preview = bulk.preview_import(owner, producer, data, "kho.csv")
    assert preview.ok and preview.applicable and preview.token
    assert [(r.slug, r.changes) for r in preview.rows] == [
        (p["honey"].slug, True), (p["tea"].slug, True), (p["draft"].slug, False)]
    assert p["honey"].price == 150_000  # nothing applied yet
    assert bulk.apply_import(owner, producer, preview.token) == 2
    assert (p["honey"].price, p["honey"].stock) == (165_000, 8)
    assert (p["tea"].price, p["tea"].stock) == (80_000, 25)
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "product.bulk_update")).scalar_one()
    assert entry.details["rows"] == 2 and entry.actor_id == owner.id
    with pytest.raises(AlreadySubmitted):  # a preview is applied once; a repeat finds the first
        bulk.apply_import(owner, producer, preview.token)


def test_bad_file_reports_each_row_and_changes_nothing(catalogue):
    owner, producer, p = catalogue
    data = _csv("slug,price,stock",
                f"{p['honey'].slug},12.5,8",        # 2: decimal price
                f"{p['tea'].slug},80000,-3",         # 3: negative stock
                "khong-co,1000,1",                   # 4: unknown product
                f"{p['honey'].slug},1000,1",         # 5: duplicate
                ",1000,1",                           # 6: no slug
                f"{p['draft'].slug},abc,xyz",        # 7: two errors
                f"{p['tea'].slug.upper()},0,1")      # 8: slugs are exact
    preview = bulk.preview_import(owner, producer, data)
    assert not preview.ok and preview.token is None
    errors = {row.line: [str(e) for e in row.errors] for row in preview.rows}
    assert "Giá “12.5” không hợp lệ" in errors[2][0]
    assert "Tồn kho “-3” không hợp lệ" in errors[3][0]
    assert "Không có sản phẩm mã “khong-co”" in errors[4][0]
    assert "đã có ở dòng 2" in errors[5][0]
    assert "Thiếu mã sản phẩm" in errors[6][0]
    assert len(errors[7]) == 2
    assert errors[8]
    assert db.session.query(StockImport).count() == 0


def test_mixed_file_applies_nothing(catalogue, client, forms):
    owner, producer, p = catalogue
    sign_in(client, owner)
    data = _csv("slug,price,stock", f"{p['honey'].slug},170000,9", f"{p['tea'].slug},0,5")  # tea is on sale
    response = forms.post("/studio/stock", {"file": (io.BytesIO(data), "kho.csv")}, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "1 dòng có lỗi" in html and "Sản phẩm đang bán cần giá lớn hơn 0" in html
    assert "Áp dụng tất cả thay đổi" not in html
    assert p["honey"].price == 150_000


def test_excel_habits_are_understood(catalogue):
    owner, producer, p = catalogue
    data = ("\ufeffMã sản phẩm;Tên sản phẩm;Giá;Tồn kho\r\n"
            f"{p['honey'].slug};Mật ong;\"1.200.000\";1.000\r\n").encode("utf-8")
    preview = bulk.read_stock_csv(producer, data)
    assert preview.ok, [r.errors for r in preview.rows] + preview.file_errors
    row = preview.rows[0]
    assert (row.new_price, row.new_stock) == (1_200_000, 1000)
    # Windows-1258 writes "tồn" as "tô" + a combining grave accent
    windows = f"slug,gi\u00e1,t\u00f4\u0300n kho\n{p['honey'].slug},99000,7\n".encode("cp1258")
    assert bulk.read_stock_csv(producer, windows).rows[0].new_price == 99_000


@pytest.mark.parametrize("data,message", [
    (b"", "Tệp trống"),
    (b"\x00\x01binary\x00", "Tệp trống"),
    (b"name,price\nx,1\n", "cột “slug”"),
    (b"slug,price,stock\n", "không có dòng sản phẩm"),
])
def test_unusable_files_are_explained(catalogue, data, message):
    owner, producer, _ = catalogue
    preview = bulk.read_stock_csv(producer, data)
    assert not preview.ok and message in str(preview.file_errors[0])


def test_too_many_rows_are_refused(catalogue, monkeypatch):
    owner, producer, p = catalogue
    monkeypatch.setattr(bulk, "MAX_ROWS", 2)
    data = _csv("slug,stock", *[f"{p['honey'].slug},{n}" for n in range(3)])
    assert "quá 2 dòng" in str(bulk.read_stock_csv(producer, data).file_errors[0])


def test_apply_refuses_when_a_product_changed_since_the_preview(catalogue):
    owner, producer, p = catalogue
    preview = bulk.preview_import(owner, producer, _csv("slug,stock", f"{p['honey'].slug},50",
                                                        f"{p['tea'].slug},60"))
    p["tea"].stock = 1  # e.g. an order came in
    db.session.commit()
    with pytest.raises(ValidationError) as error:
        bulk.apply_import(owner, producer, preview.token)
    assert "đã thay đổi sau khi xem trước" in str(error.value.message)
    assert p["honey"].stock == 10 and p["tea"].stock == 1  # all or nothing


def test_preview_expires_and_belongs_to_its_author(catalogue, make_user):
    from marketplace.catalog.models import ProducerMember
    owner, producer, p = catalogue
    preview = bulk.preview_import(owner, producer, _csv("slug,stock", f"{p['honey'].slug},50"))
    teammate = make_user(role="producer")
    db.session.add(ProducerMember(producer=producer, user=teammate))
    db.session.commit()
    with pytest.raises(ValidationError):
        bulk.apply_import(teammate, producer, preview.token)
    stored = db.session.execute(db.select(StockImport)).scalar_one()
    stored.created_at -= timedelta(hours=3)
    db.session.commit()
    with pytest.raises(ValidationError):
        bulk.apply_import(owner, producer, preview.token)
    assert p["honey"].stock == 10


def test_two_step_form_through_http(catalogue, client, forms):
    owner, producer, p = catalogue
    sign_in(client, owner)
    exported = client.get("/studio/stock.csv")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    text = exported.get_data(as_text=True)
    assert text.startswith('\ufeff"slug","name","price","stock"') and p["honey"].slug in text
    honey = p["honey"].slug
    edited = text.replace(f'"{honey}","Mật ong","150000","10"', f'"{honey}","Mật ong","155000","12"')
    response = forms.post("/studio/stock", {"file": (io.BytesIO(edited.encode()), "kho.csv")},
                          content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "155.000" in html and "1 sản phẩm sẽ được cập nhật" in html
    token = db.session.execute(db.select(StockImport.token)).scalar_one()
    response = forms.post("/studio/stock/apply", {"token": token}, form_url="/studio/stock")
    assert response.status_code == 302
    assert (p["honey"].price, p["honey"].stock) == (155_000, 12)


def test_export_neutralises_spreadsheet_formulas(shop, make_product):
    owner, producer, _ = shop()
    make_product(producer=producer, name="=HYPERLINK(\"http://evil\")")
    assert "'=HYPERLINK" in bulk.export_stock_csv(producer)
