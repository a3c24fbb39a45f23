"""The dossier checklist of each OCOP group: data, seeded from data/dossier_requirements.json
the first time it is needed, then changed by national officers on the site."""
import json
from pathlib import Path

from marketplace.core.i18n import lazy_gettext as _l

from marketplace.core import submissions
from marketplace.core.errors import ValidationError
from marketplace.core.text import slugify
from marketplace.core.transactions import atomic
from marketplace.cycle import access
from marketplace.cycle.models import DossierRequirement
from marketplace.cycle.services.common import text
from marketplace.cycle.services.sheets import group_codes
from marketplace.extensions import db

DEFAULTS = Path(__file__).resolve().parent.parent / "data" / "dossier_requirements.json"


def default_requirements():
    """{group_code: [dict(code, name_vi, name_en, required)]}: the shared items first, then the group's own."""
    data = json.loads(DEFAULTS.read_text(encoding="utf-8"))
    return {code: [{"required": True, **item} for item in data["common"] + data["groups"].get(str(code), [])]
            for code in group_codes()}


def load_defaults(*, commit=True):
    """Add the default requirements that are missing (by group and code); returns how many were added."""
    existing = {(row.group_code, row.code) for row in db.session.execute(db.select(DossierRequirement)).scalars()}
    added = 0
    for group_code, items in default_requirements().items():
        for position, item in enumerate(items):
            if (group_code, item["code"]) in existing:
                continue
            db.session.add(DossierRequirement(group_code=group_code, code=item["code"], name_vi=item["name_vi"],
                                              name_en=item.get("name_en", ""), required=item["required"],
                                              position=position, active=True))
            added += 1
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return added


def ensure_defaults():
    """Seed the checklist on first use (an empty table means it was never configured).

    Commits the seed: call it before a service opens its own transaction.
    """
    if db.session.execute(db.select(DossierRequirement.id).limit(1)).first() is None:
        load_defaults(commit=True)


def requirements_for(group_code, *, active_only=True):
    ensure_defaults()
    query = db.select(DossierRequirement).where(DossierRequirement.group_code == group_code)
    if active_only:
        query = query.where(DossierRequirement.active.is_(True))
    return db.session.execute(query.order_by(DossierRequirement.position, DossierRequirement.id)).scalars().all()


def add_requirement(officer, *, group_code, name_vi, name_en="", required=True, submission=None):
    """A new line of a group's checklist; once per submitted form (`submission`, core.submissions)."""
    access.require_national_officer(officer)
    if group_code not in group_codes():
        raise ValidationError(_l("Nhóm sản phẩm không hợp lệ."), field="group")
    name_vi = text(name_vi, "name_vi", label=_l("tên tài liệu"), maximum=200)
    name_en = text(name_en, "name_en", label=_l("tên tiếng Anh"), maximum=200, required=False)
    rows = requirements_for(group_code, active_only=False)
    with atomic():
        claim = submissions.claim(submission, "dossier_requirement")
        base, n = slugify(name_vi)[:50] or "tai-lieu", 1
        taken = {row.code for row in rows}
        code = base
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        requirement = DossierRequirement(group_code=group_code, code=code, name_vi=name_vi, name_en=name_en,
                                         required=bool(required), active=True,
                                         position=max((row.position for row in rows), default=-1) + 1)
        db.session.add(requirement)
        db.session.flush()
        claim.done(requirement.id)
    return requirement


def set_active(officer, requirement, active):
    """Retire a requirement from new dossiers (or bring it back); dossiers already started keep theirs."""
    access.require_national_officer(officer)
    with atomic():
        requirement.active = bool(active)
    return requirement
