"""Rosters of programme officials and who of them attended a training course.

An official counts as trained in a period when a registration with their e-mail was
checked in at the door of a training course (an event of kind `training`, anywhere)
that started in the period. The roster is per province; a provincial officer edits
only its own (accounts.jurisdiction); admins and national officers edit any.
"""
import csv
import io
import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from marketplace.core.i18n import lazy_gettext as _l
from sqlalchemy import distinct, func, select

from marketplace.accounts import jurisdiction
from marketplace.catalog.models import FormerProvince
from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.text import fold
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.events.models import Event, EventKind, RegistrationStatus, VisitorRegistration
from marketplace.extensions import db
from marketplace.training.models import ProgrammeOfficial

MAX_IMPORT_ROWS = 2000
HEADERS = {"ho_ten": "full_name", "ho ten": "full_name", "name": "full_name", "full_name": "full_name",
           "email": "email", "chuc_vu": "position", "chuc vu": "position", "position": "position",
           "tinh_cu": "former_province", "tinh cu": "former_province", "former_province": "former_province"}


def require_roster_officer(user, province):
    if not jurisdiction.covers(user, province.id):
        raise PermissionDenied(_l("Bạn không quản lý danh sách cán bộ của tỉnh, thành phố này."))


def clean_email(value, field="email"):
    try:
        return validate_email((value or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError(_l("Email không hợp lệ."), field=field) from None


def find_former(province, slug):
    """The former province of `province` with this slug, None for none, or ValidationError."""
    if not slug:
        return None
    former = db.session.execute(db.select(FormerProvince).where(
        FormerProvince.slug == slug, FormerProvince.province_id == province.id)).scalar_one_or_none()
    if former is None:
        raise ValidationError(_l("Tỉnh cũ không thuộc tỉnh đã chọn."), field="former_province")
    return former


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # PostgreSQL refuses NUL in text


def _clean(province, full_name, email, position, former_province):
    if any(_CONTROL.search(value or "") for value in (full_name, email, position)):
        raise ValidationError(_l("Có ký tự không hợp lệ."), field="full_name")
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError(_l("Cần họ tên."), field="full_name")
    if len(full_name) > 120:
        raise ValidationError(_l("Họ tên quá dài."), field="full_name")
    position = " ".join((position or "").split())
    if len(position) > 160:
        raise ValidationError(_l("Chức vụ quá dài."), field="position")
    if former_province is not None and former_province.province_id != province.id:
        raise ValidationError(_l("Tỉnh cũ không thuộc tỉnh đã chọn."), field="former_province")
    return full_name, clean_email(email), position


def _upsert(province, full_name, email, position, former_province, actor):
    """The roster entry of this e-mail in this province, added or brought back and updated."""
    official = db.session.execute(db.select(ProgrammeOfficial).where(
        ProgrammeOfficial.province_id == province.id, ProgrammeOfficial.email == email)).scalar_one_or_none()
    added = official is None or official.removed_at is not None
    if official is None:
        official = ProgrammeOfficial(province_id=province.id, email=email, created_by_id=actor.id)
        db.session.add(official)
    official.full_name, official.position, official.removed_at = full_name, position, None
    official.former_province_id = former_province.id if former_province is not None else None
    return official, added


def add_official(*, officer, province, full_name, email, position="", former_province=None, submission=None):
    """Put one official on the province's roster (the same e-mail again updates the entry).

    Once per submitted form (`submission`, core.submissions): a repeat raises AlreadySubmitted."""
    require_roster_officer(officer, province)
    full_name, email, position = _clean(province, full_name, email, position, former_province)
    with atomic():
        claim = submissions.claim(submission, "programme_official")
        official, _added = _upsert(province, full_name, email, position, former_province, officer)
        db.session.flush()
        claim.done(official.id)
    return official


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    errors: list = None  # [(line number, message)]


def import_officials(*, officer, province, data, submission=None):
    """Read a CSV (UTF-8, header: ho_ten,email[,chuc_vu][,tinh_cu]) and put every row on the roster.

    All or nothing: any bad row and nothing is written (the errors name the lines). Run
    twice, it changes nothing more: rows are matched by e-mail. The same form sent twice
    (`submission`, core.submissions) raises AlreadySubmitted naming the province, and two
    copies sent at once wait for each other instead of racing for the same e-mails.
    """
    require_roster_officer(officer, province)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_l("Tệp phải là CSV mã hóa UTF-8."), field="file") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {name: HEADERS.get(fold(name or "").strip()) for name in reader.fieldnames or []}
    if not {"full_name", "email"} <= set(columns.values()):
        raise ValidationError(_l("Dòng tiêu đề cần có cột ho_ten và email."), field="file")
    formers = {fold(f.name_vi): f for f in db.session.execute(
        db.select(FormerProvince).where(FormerProvince.province_id == province.id)).scalars()}
    rows, errors, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            raise ValidationError(_l("Tệp quá dài (tối đa %(n)s dòng).", n=MAX_IMPORT_ROWS), field="file")
        row = {columns[k]: (v or "").strip() for k, v in raw.items() if k in columns and columns[k]}
        if not any(row.values()):
            continue
        former = None
        if row.get("former_province"):
            former = formers.get(fold(row["former_province"]))
            if former is None:
                errors.append((line, _l("Không có tỉnh cũ “%(name)s” trong tỉnh này.", name=row["former_province"])))
                continue
        try:
            full_name, email, position = _clean(province, row.get("full_name"), row.get("email"),
                                                 row.get("position"), former)
        except ValidationError as error:
            errors.append((line, error.message))
            continue
        if email in seen:
            errors.append((line, _l("Email %(email)s lặp lại trong tệp.", email=email)))
            continue
        seen.add(email)
        rows.append((full_name, email, position, former))
    result = ImportResult(errors=errors)
    if errors:
        return result
    with atomic():
        claim = submissions.claim(submission, "programme_officials_import")
        for full_name, email, position, former in rows:
            _official, added = _upsert(province, full_name, email, position, former, officer)
            result.added += added
            result.updated += not added
        claim.done(province.id)  # many rows: the repeat leads to the province's roster
    return result


def remove_official(*, officer, official):
    """Take an official off the roster (kept with the date, no longer counted)."""
    require_roster_officer(officer, official.province)
    if official.removed_at is None:
        official.removed_at = utcnow()
        db.session.commit()
    return official


def roster(province, former_province=None, include_removed=False):
    query = db.select(ProgrammeOfficial).where(ProgrammeOfficial.province_id == province.id)
    if former_province is not None:
        query = query.where(ProgrammeOfficial.former_province_id == former_province.id)
    if not include_removed:
        query = query.where(ProgrammeOfficial.removed_at.is_(None))
    return db.session.execute(query.order_by(ProgrammeOfficial.full_name, ProgrammeOfficial.id)).scalars().all()


def _attended(start_utc=None, end_utc=None):
    """SQL: (e-mail, event) pairs checked in at training courses that started in [start, end)."""
    query = (select(VisitorRegistration.email.label("email"), Event.id.label("event_id"))
             .join(Event, Event.id == VisitorRegistration.event_id)
             .where(Event.kind == EventKind.TRAINING, VisitorRegistration.status == RegistrationStatus.CHECKED_IN,
                    VisitorRegistration.email.is_not(None)))
    if start_utc is not None:
        query = query.where(Event.starts_at >= start_utc)
    if end_utc is not None:
        query = query.where(Event.starts_at < end_utc)
    return query


def trainings_by_email(emails):
    """{e-mail: [training events attended, newest first]} for these e-mails (any time)."""
    if not emails:
        return {}
    pairs = _attended().where(VisitorRegistration.email.in_(list(emails))).subquery()
    rows = db.session.execute(select(pairs.c.email, Event).join(Event, Event.id == pairs.c.event_id)
                              .order_by(Event.starts_at.desc())).all()
    out = {}
    for email, event in rows:
        out.setdefault(email, []).append(event)
    return out


def officials_trained(province, start_utc, end_utc, former_province=None):
    """(trained, on the roster): officials now on the province's roster (of the former province
    when given) and how many of them attended at least one training course that started in the period."""
    on_roster = [ProgrammeOfficial.province_id == province.id, ProgrammeOfficial.removed_at.is_(None)]
    if former_province is not None:
        on_roster.append(ProgrammeOfficial.former_province_id == former_province.id)
    total = db.session.execute(select(func.count(ProgrammeOfficial.id)).where(*on_roster)).scalar_one()
    attended = _attended(start_utc, end_utc).subquery()
    trained = db.session.execute(
        select(func.count(distinct(ProgrammeOfficial.id)))
        .join(attended, attended.c.email == ProgrammeOfficial.email).where(*on_roster)).scalar_one()
    return trained, total
