"""Scoring sheets: the detailed criteria of each OCOP group, entered (CSV text) or imported
(a CSV or JSON file) by officers, and validated so that each part adds up to its maximum
in ocop.json `criteria` (A 40, B 25, C 35 under Decision 148/QĐ-TTg).

CSV: a header `part,code,criterion,max_points` then one criterion per row.
JSON: {"name": "...", "criteria": [{"part": "A", "code": "A1", "text": "...", "max_points": 5}, ...]}
or just the list.
"""
import csv
import io
import json
from dataclasses import dataclass

from marketplace.core.i18n import lazy_gettext as _l

from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.facts import criteria_parts, ocop_facts
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.cycle import access
from marketplace.cycle.models import ScoringSheet, SheetCriterion
from marketplace.extensions import db

MAX_CRITERIA = 200
COLUMNS = {"part": "part", "phan": "part", "code": "code", "ma": "code", "criterion": "text", "text": "text",
           "tieu_chi": "text", "max_points": "max_points", "diem_toi_da": "max_points"}


@dataclass(frozen=True)
class CriterionSpec:
    part: str
    code: str
    text: str
    max_points: int


def group_codes():
    return [group["code"] for group in ocop_facts()["groups"]]


def _number(value):
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError
    return int(text)


def _spec(row, where):
    try:
        points = _number(row.get("max_points"))
    except (TypeError, ValueError):
        raise ValidationError(_l("%(where)s: điểm tối đa phải là số nguyên dương.", where=where),
                              field="criteria") from None
    return CriterionSpec(part=str(row.get("part") or "").strip().upper(), code=str(row.get("code") or "").strip(),
                         text=" ".join(str(row.get("text") or "").split()), max_points=points)


def parse_csv(text):
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValidationError(_l("Chưa có tiêu chí nào."), field="criteria")
    header = [COLUMNS.get(cell.strip().lower()) for cell in rows[0]]
    if not {"part", "code", "text", "max_points"} <= set(header):
        raise ValidationError(_l("Dòng đầu cần các cột: part, code, criterion, max_points."), field="criteria")
    return [_spec({name: cell for name, cell in zip(header, row) if name}, _l("Dòng %(n)s", n=number))
            for number, row in enumerate(rows[1:], start=2)]


def parse_json(text):
    try:
        data = json.loads(text)
    except ValueError:
        raise ValidationError(_l("Tệp JSON không đọc được."), field="criteria") from None
    name = None
    if isinstance(data, dict):
        name, data = data.get("name"), data.get("criteria")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValidationError(_l("JSON cần một danh sách tiêu chí (part, code, text, max_points)."),
                              field="criteria")
    specs = [_spec({**item, "text": item.get("text") or item.get("criterion")}, _l("Tiêu chí %(n)s", n=number))
             for number, item in enumerate(data, start=1)]
    return specs, (name if isinstance(name, str) else None)


def parse(data, filename=""):
    """Criteria from an uploaded file's bytes (JSON by extension or content, else CSV); (specs, name or None)."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise ValidationError(_l("Tệp phải là văn bản UTF-8."), field="criteria") from None
    if filename.lower().endswith(".json") or text.lstrip().startswith(("{", "[")):
        return parse_json(text)
    return parse_csv(text), None


def check(specs):
    """Every problem of a sheet at once, or nothing: parts known, codes unique, sums equal the maxima."""
    parts = {part.code: part for part in criteria_parts()}
    problems = []
    if not specs:
        problems.append(_l("Chưa có tiêu chí nào."))
    if len(specs) > MAX_CRITERIA:
        problems.append(_l("Tối đa %(n)s tiêu chí.", n=MAX_CRITERIA))
    seen = set()
    for spec in specs:
        if spec.part not in parts:
            problems.append(_l("Phần “%(part)s” không có trong bộ tiêu chí (chỉ %(parts)s).", part=spec.part[:10],
                               parts=", ".join(parts)))
        if not spec.code or len(spec.code) > 20:
            problems.append(_l("Mỗi tiêu chí cần một mã (tối đa 20 ký tự)."))
        elif spec.code in seen:
            problems.append(_l("Mã “%(code)s” bị trùng.", code=spec.code))
        seen.add(spec.code)
        if not spec.text or len(spec.text) > 500:
            problems.append(_l("Tiêu chí %(code)s cần nội dung (tối đa 500 ký tự).", code=spec.code[:20]))
        if spec.max_points <= 0:
            problems.append(_l("Tiêu chí %(code)s: điểm tối đa phải lớn hơn 0.", code=spec.code[:20]))
    for code, part in parts.items():
        total = sum(spec.max_points for spec in specs if spec.part == code)
        if total != part.max_points:
            problems.append(_l("Phần %(part)s cộng lại %(total)s điểm, phải đúng %(max)s điểm.", part=code,
                               total=total, max=part.max_points))
    if problems:
        raise ValidationError(" ".join(str(problem) for problem in problems), field="criteria")


def active_sheet(group_code):
    return db.session.execute(db.select(ScoringSheet).where(ScoringSheet.group_code == group_code,
                                                            ScoringSheet.active.is_(True))
                              .order_by(ScoringSheet.id.desc())).scalars().first()


def import_sheet(officer, *, group_code, name, specs, submission=None):
    """A new active sheet for the group (the previous one stays with the rounds that used it).

    Once per submitted form (`submission`, core.submissions)."""
    access.require_national_officer(officer)
    if group_code not in group_codes():
        raise ValidationError(_l("Nhóm sản phẩm không hợp lệ."), field="group")
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise ValidationError(_l("Cần tên phiếu chấm (tối đa 200 ký tự)."), field="name")
    check(specs)

    with atomic():
        claim = submissions.claim(submission, "scoring_sheet")
        for old in db.session.execute(db.select(ScoringSheet).where(ScoringSheet.group_code == group_code,
                                                                    ScoringSheet.active.is_(True))).scalars():
            old.active = False
        sheet = ScoringSheet(group_code=group_code, name=name, active=True, created_by_id=officer.id,
                             created_at=utcnow())
        sheet.criteria = [SheetCriterion(part=spec.part, code=spec.code, text=spec.text,
                                         max_points=spec.max_points, position=position)
                          for position, spec in enumerate(specs)]
        db.session.add(sheet)
        db.session.flush()
        claim.done(sheet.id)
    return sheet
