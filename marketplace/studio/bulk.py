"""Bulk stock and price update from a CSV file: preview, then all or nothing.

The file has a header row and one row per product: `slug` (the product code shown
in the studio), and `price` and/or `stock`; a blank cell leaves that value as it
is. Vietnamese headers (mã sản phẩm, giá, tồn kho) and Excel's habits (UTF-8
with BOM or Windows-1258, `;` as separator, prices written 150.000) are accepted.

`preview_import` checks every row and reports each problem with its line number;
only a file without any problem is kept (a `StockImport`, keyed by a random
token) and can be applied. `apply_import` writes every change in one transaction,
and refuses if a product changed since the preview. The preview's token is also
the apply form's submission token (core/submissions.py): a preview is applied at
most once, however many times, and however concurrently, its form is sent.
"""
import csv
import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta


from marketplace.audit import services as audit
from marketplace.core import submissions
from marketplace.catalog.models import Product, ProductStatus
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.money import parse_vnd
from marketplace.core.spreadsheets import write_csv
from marketplace.core.text import fold
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.studio.access import require_member
from marketplace.studio.models import StockImport

MAX_ROWS = 5000
MAX_PRICE = 10_000_000_000
MAX_STOCK = 1_000_000
PREVIEW_VALID_FOR = timedelta(hours=2)
_GROUPED = re.compile(r"[0-9]{1,3}([., ][0-9]{3})+")
COLUMNS = {
    "slug": {"slug", "ma", "ma san pham", "ma_san_pham", "sku", "code"},
    "name": {"name", "ten", "ten san pham", "ten_san_pham"},
    "price": {"price", "gia", "gia ban", "gia_ban", "gia (dong)", "don gia"},
    "stock": {"stock", "ton kho", "ton_kho", "so luong", "so_luong"},
}


@dataclass
class RowResult:
    line: int
    slug: str
    name: str = ""
    product_id: int | None = None
    old_price: int | None = None
    new_price: int | None = None
    old_stock: int | None = None
    new_stock: int | None = None
    errors: list = field(default_factory=list)

    @property
    def price_changes(self):
        return self.new_price is not None and self.new_price != self.old_price

    @property
    def stock_changes(self):
        return self.new_stock is not None and self.new_stock != self.old_stock

    @property
    def changes(self):
        return not self.errors and (self.price_changes or self.stock_changes)


@dataclass
class Preview:
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    token: str | None = None

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def changed_rows(self):
        return [row for row in self.rows if row.changes]

    @property
    def ok(self):
        return not self.file_errors and not self.error_rows

    @property
    def applicable(self):
        return self.ok and bool(self.changed_rows)


def _decode(data):
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")  # Excel on Vietnamese Windows


def _header_map(header):
    mapping = {}
    for index, title in enumerate(header):
        key = fold(title or "").replace("-", " ").strip()
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in mapping:
                mapping[column] = index
    return mapping


def _parse_price(text, row):
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = parse_vnd(text)
    except ValueError:
        row.errors.append(_l("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 150000 hoặc 150.000.", value=text))
        return None
    if value > MAX_PRICE:
        row.errors.append(_l("Giá phải từ 0 đến 10 tỷ đồng."))
        return None
    return value


def _parse_stock(text, row):
    text = (text or "").strip()
    if not text:
        return None
    digits = re.sub(r"[., ]", "", text) if _GROUPED.fullmatch(text) else text
    if not re.fullmatch(r"[0-9]+", digits):
        row.errors.append(_l("Tồn kho “%(value)s” không hợp lệ: ghi số nguyên không âm.", value=text))
        return None
    value = int(digits)
    if value > MAX_STOCK:
        row.errors.append(_l("Tồn kho tối đa %(n)s.", n=MAX_STOCK))
        return None
    return value


def read_stock_csv(producer, data):
    """Check a CSV file against `producer`'s products; nothing is changed."""
    preview = Preview()
    text = _decode(data or b"")
    if not text or not text.strip():
        preview.file_errors.append(_l("Tệp trống hoặc không phải tệp CSV."))
        return preview
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
        columns = _header_map(header)
        if "slug" not in columns or not ({"price", "stock"} & columns.keys()):
            preview.file_errors.append(_l("Dòng đầu phải có cột “slug” (mã sản phẩm) và cột “price” (giá) "
                                          "hoặc “stock” (tồn kho)."))
            return preview
        raw_rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(raw_rows) >= MAX_ROWS:
                preview.file_errors.append(_l("Tệp có quá %(n)s dòng; hãy chia nhỏ.", n=MAX_ROWS))
                return preview
            raw_rows.append((reader.line_num, cells))
    except csv.Error as error:
        preview.file_errors.append(_l("Không đọc được tệp CSV (dòng %(line)s): %(error)s",
                                      line=reader.line_num, error=str(error)))
        return preview

    def cell(cells, name):
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    products = {p.slug: p for p in db.session.execute(
        db.select(Product).where(Product.producer_id == producer.id)).scalars()}
    seen = {}
    for line, cells in raw_rows:
        slug = cell(cells, "slug").strip()
        row = RowResult(line=line, slug=slug)
        preview.rows.append(row)
        if not slug:
            row.errors.append(_l("Thiếu mã sản phẩm (cột slug)."))
            continue
        if slug in seen:
            row.errors.append(_l("Sản phẩm này đã có ở dòng %(line)s.", line=seen[slug]))
            continue
        seen[slug] = line
        product = products.get(slug)
        if product is None:
            row.errors.append(_l("Không có sản phẩm mã “%(slug)s” trong gian hàng của bạn.", slug=slug))
            continue
        row.product_id, row.name = product.id, product.name
        row.old_price, row.old_stock = product.price, product.stock
        row.new_price = _parse_price(cell(cells, "price"), row)
        row.new_stock = _parse_stock(cell(cells, "stock"), row)
        if row.new_price == 0 and product.status == ProductStatus.ACTIVE:
            row.errors.append(_l("Sản phẩm đang bán cần giá lớn hơn 0."))
    if not preview.rows:
        preview.file_errors.append(_l("Tệp không có dòng sản phẩm nào."))
    return preview


def preview_import(actor, producer, data, filename=""):
    """Check the file; when every row is good and something changes, keep it for `apply_import`."""
    require_member(actor, producer)
    preview = read_stock_csv(producer, data)
    if preview.applicable:
        preview.token = secrets.token_urlsafe(24)
        changes = [{"product_id": r.product_id, "slug": r.slug, "old_price": r.old_price, "new_price": r.new_price,
                    "old_stock": r.old_stock, "new_stock": r.new_stock} for r in preview.changed_rows]
        db.session.add(StockImport(token=preview.token, producer_id=producer.id, user_id=actor.id,
                                   filename=(filename or "")[:200], changes=changes))
        db.session.commit()
    return preview


def apply_import(actor, producer, token):
    """Write every previewed change, or none, once. Returns how many products changed;
    AlreadySubmitted (with the import's id) when this preview was applied before."""
    require_member(actor, producer)
    submissions.check(submissions.clean_token(token), "stock_import")
    pending = db.session.execute(db.select(StockImport).where(
        StockImport.token == (token or ""), StockImport.producer_id == producer.id,
        StockImport.user_id == actor.id)).scalar_one_or_none()
    if pending is None or pending.applied_at is not None or pending.created_at < utcnow() - PREVIEW_VALID_FOR:
        raise ValidationError(_l("Bản xem trước không còn hiệu lực; hãy tải tệp lên lại."))
    with atomic():
        claim = submissions.claim(pending.token, "stock_import")
        ids = [change["product_id"] for change in pending.changes]
        products = {p.id: p for p in db.session.execute(
            db.select(Product).where(Product.id.in_(ids)).with_for_update()
            .execution_options(populate_existing=True)).scalars()}
        for change in pending.changes:
            product = products.get(change["product_id"])
            if product is None or product.producer_id != producer.id:
                raise ValidationError(_l("Sản phẩm “%(slug)s” không còn trong gian hàng; hãy tải tệp lên lại.",
                                         slug=change["slug"]))
            if product.price != change["old_price"] or product.stock != change["old_stock"]:
                raise ValidationError(_l("Giá hoặc tồn kho của “%(name)s” đã thay đổi sau khi xem trước; "
                                         "hãy tải tệp lên lại.", name=product.name))
            if change["new_price"] is not None:
                product.price = change["new_price"]
            if change["new_stock"] is not None:
                product.stock = change["new_stock"]
        pending.applied_at = utcnow()
        claim.done(pending.id)
        audit.record("product.bulk_update", pending, actor=actor, producer=producer, rows=len(pending.changes),
                     filename=pending.filename)
    return len(pending.changes)


def export_stock_csv(producer):
    """The producer's listings as a CSV to edit and upload again (UTF-8 with BOM, for Excel)."""
    products = db.session.execute(db.select(Product).where(
        Product.producer_id == producer.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name)).scalars()
    return write_csv(["slug", "name", "price", "stock"],
                     ([product.slug, product.name, product.price, product.stock] for product in products), bom=True)
