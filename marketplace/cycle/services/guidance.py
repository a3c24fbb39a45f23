"""Guidance: officers publish news, guidance and documents for their province, national
officers also for the whole country; producers read what applies to them (their provinces
and national posts), and anyone reads what is published."""
from marketplace.core.i18n import lazy_gettext as _l
from sqlalchemy import or_

from marketplace.accounts import jurisdiction
from marketplace.catalog.services import unique_slug
from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.cycle import files
from marketplace.cycle.models import GuidanceAttachment, GuidanceKind, GuidancePost, GuidanceStatus
from marketplace.cycle.services.common import text
from marketplace.cycle.states import GUIDANCE
from marketplace.extensions import db

MAX_ATTACHMENTS = 10


def may_write(officer, province_id):
    """A provincial officer writes for its province; a national one for any province or the nation (None)."""
    if not jurisdiction.is_officer(officer):
        return False
    scope = jurisdiction.province_scope(officer)
    return scope is jurisdiction.EVERYWHERE or (province_id is not None and province_id == scope)


def _require_writer(officer, province_id):
    if not may_write(officer, province_id):
        raise PermissionDenied(_l("Bạn chỉ đăng được bài cho tỉnh, thành phố của mình."))


def _fields(title, body, kind):
    return dict(title=text(title, "title", label=_l("tiêu đề"), maximum=200),
                body=text(body, "body", label=_l("nội dung"), maximum=50_000), kind=GuidanceKind(kind))


def create_post(officer, *, province, kind, title, body, submission=None):
    """A draft post; `province` None is national. Once per submitted form (`submission`, core.submissions)."""
    province_id = province.id if province is not None else None
    _require_writer(officer, province_id)
    fields = _fields(title, body, kind)
    with files.transaction():
        claim = submissions.claim(submission, "guidance_post")
        post = GuidancePost(province_id=province_id, author_id=officer.id, slug=unique_slug(GuidancePost,
                            fields["title"]), **fields)
        db.session.add(post)
        db.session.flush()
        claim.done(post.id)
    return post


def update_post(officer, post, *, kind, title, body):
    _require_writer(officer, post.province_id)
    fields = _fields(title, body, kind)
    with files.transaction():
        for name, value in fields.items():
            setattr(post, name, value)
    return post


def move_post(officer, post, to):
    """Publish, withdraw or publish again (states.GUIDANCE)."""
    _require_writer(officer, post.province_id)
    with files.transaction():
        GUIDANCE.move(post, to)
        if post.status == GuidanceStatus.PUBLISHED and post.published_at is None:
            post.published_at = utcnow()
    return post


def add_attachment(officer, post, *, name, data, submission=None):
    """A document attached to a post; once per submitted form, claimed before the file is written
    or the attachments counted (the first copy's attachment must not make the repeat "too many")."""
    _require_writer(officer, post.province_id)
    name = text(name, "name", label=_l("tên tài liệu"), maximum=200)
    with files.transaction() as new:
        claim = submissions.claim(submission, "guidance_attachment")
        if len(post.attachments) >= MAX_ATTACHMENTS:
            raise ValidationError(_l("Mỗi bài có tối đa %(n)s tài liệu.", n=MAX_ATTACHMENTS), field="file")
        attachment = GuidanceAttachment(post=post, name=name, key=new.save_document(f"guidance/{post.id}", data))
        db.session.add(attachment)
        db.session.flush()
        claim.done(attachment.id)
    return attachment


def remove_attachment(officer, attachment):
    _require_writer(officer, attachment.post.province_id)
    key = attachment.key
    with files.transaction():
        db.session.delete(attachment)
    files.forget(key)


# --------------------------------------------------------------------------- reading

def published(province_ids=None, *, include_national=True, limit=None):
    """Published posts, newest first: of these provinces (and national ones), or all when None."""
    query = db.select(GuidancePost).where(GuidancePost.status == GuidanceStatus.PUBLISHED)
    if province_ids is not None:
        clause = GuidancePost.province_id.in_(list(province_ids))
        query = query.where(or_(clause, GuidancePost.province_id.is_(None)) if include_national else clause)
    query = query.order_by(GuidancePost.published_at.desc(), GuidancePost.id.desc())
    if limit:
        query = query.limit(limit)
    return db.session.execute(query).scalars().all()


def officer_posts(officer):
    """Every post an officer may edit: its province's (and national ones for a national officer)."""
    query = db.select(GuidancePost).order_by(GuidancePost.created_at.desc(), GuidancePost.id.desc())
    scope = jurisdiction.province_scope(officer)
    if scope is not jurisdiction.EVERYWHERE:
        query = query.where(GuidancePost.province_id == scope)
    return db.session.execute(query).scalars().all()


def readable(user, post):
    """Published posts are public; drafts and withdrawn ones only for the officers who may edit them."""
    return post.status == GuidanceStatus.PUBLISHED or may_write(user, post.province_id)
