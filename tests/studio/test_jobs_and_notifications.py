"""Expiry, the 60-day reminder (once) and the messages producers receive."""
from datetime import timedelta

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import CertificationStatus, ProducerMember
from marketplace.catalog.rating import BadgeState, badge_for
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import notifications
from marketplace.studio.jobs import expire_certificates, send_expiry_reminders

TODAY = vn_today()


def _cert(make_certification, product, expires_on, status="verified"):
    return make_certification(product, stars=4, decided_on=expires_on - timedelta(days=1000), expires_on=expires_on,
                              status=status)


def test_reminder_goes_once_60_days_ahead_to_the_team(shop, make_user, make_certification, mail_dir):
    owner, producer, product = shop()
    teammate = make_user(role="producer", email="em@example.vn")
    db.session.add(ProducerMember(producer=producer, user=teammate))
    db.session.commit()
    soon = _cert(make_certification, product, TODAY + timedelta(days=60))
    _cert(make_certification, product, TODAY + timedelta(days=61))           # not yet
    _cert(make_certification, product, TODAY + timedelta(days=10), "pending")  # not verified
    assert send_expiry_reminders(TODAY, days=60) == 1
    assert soon.reminder_sent_at is not None
    assert send_expiry_reminders(TODAY + timedelta(days=1), days=60) == 1  # the 61-day one, now at 60
    assert send_expiry_reminders(TODAY + timedelta(days=2), days=60) == 0  # nothing twice
    messages = mail_dir()
    assert len(messages) == 2
    first = next(m for m in messages if soon.number in m)
    assert "sau 60 ngày" in first
    assert f"To: {owner.email}, em@example.vn" in first
    assert "X-Topic: certificate.expiry_reminder" in first
    assert "Kính gửi" in first and f"{TODAY + timedelta(days=60):%d/%m/%Y}" in first  # the expiry, as written


def test_compose_expiry_reminder_message(shop, make_certification):
    owner, producer, product = shop()
    cert = _cert(make_certification, product, TODAY + timedelta(days=45))
    message = notifications.compose_expiry_reminder(cert, TODAY)
    assert message.to == [owner.email]
    assert message.subject == f"Chứng nhận OCOP của “{product.name}” hết hạn sau 45 ngày"
    assert "còn 45 ngày" in message.body and "gửi giấy chứng nhận mới" in message.body
    assert message.meta == {"certification_id": cert.id, "producer_id": producer.id, "days_left": 45}
    assert message.to_payload()["topic"] == "certificate.expiry_reminder"


def test_expiry_command_marks_expired_tells_the_producer_and_logs(app, shop, make_certification, mail_dir):
    owner, producer, product = shop()
    old = _cert(make_certification, product, TODAY - timedelta(days=1))
    last_day = _cert(make_certification, product, TODAY)
    assert badge_for(product, TODAY).state is BadgeState.CERTIFIED  # thanks to last_day
    assert expire_certificates(TODAY) == 1
    assert old.status is CertificationStatus.EXPIRED and last_day.status is CertificationStatus.VERIFIED
    assert expire_certificates(TODAY) == 0
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "certification.expired")).scalar_one()
    assert entry.actor_id is None and entry.subject_id == old.id and entry.producer_id == producer.id
    [message] = mail_dir()
    assert "đã hết hạn" in message and "X-Topic: certificate.expired" in message
    # the next day, the badge shows expired
    expire_certificates(TODAY + timedelta(days=1))
    assert badge_for(product, TODAY + timedelta(days=1)).state is BadgeState.EXPIRED


def test_flask_studio_daily_runs_both_jobs(app, shop, make_certification):
    from marketplace.core.timeutil import vn_today
    owner, producer, product = shop()
    today = vn_today()
    expired = _cert(make_certification, product, today - timedelta(days=3))
    soon = _cert(make_certification, product, today + timedelta(days=30))
    result = app.test_cli_runner().invoke(args=["studio", "daily"])
    assert result.exit_code == 0, result.output
    assert "Certificates expired: 1" in result.output and "Expiry reminders sent: 1" in result.output
    db.session.expire_all()
    assert expired.status is CertificationStatus.EXPIRED and soon.reminder_sent_at is not None


def test_decision_messages(shop, make_certification, officer, mail_dir):
    from marketplace.admin.services import decide_certification, decide_producer
    owner, producer, product = shop(verified=False)
    cert = _cert(make_certification, product, TODAY + timedelta(days=500), "pending")
    decide_producer(officer, producer, "reject", "Mã số thuế không khớp giấy phép")
    decide_certification(officer, cert, "verify")
    rejected, verified = sorted(mail_dir(), key=lambda m: "producer.rejected" not in m)
    assert "Mã số thuế không khớp giấy phép" in rejected and "Gửi lại để xác minh" in rejected
    assert "đã được cán bộ chương trình OCOP xác minh" in verified
    assert "sau khi hồ sơ chủ thể cũng được xác minh" in verified  # the producer is not verified yet


def test_dispatch_without_recipient_sends_nothing(app, mail_dir):
    assert notifications.dispatch(notifications.Message("x.y", [], "s", "b")) is None
    assert mail_dir() == []


def test_mail_files_are_readable_eml(tmp_path):
    from marketplace.core.mail import build_email, write_mail_file
    email = build_email({"to": ["a@example.vn"], "subject": "Lời mời tham gia", "body": "Xin chào,\nnội dung",
                         "topic": "team.invitation"}, sender="Chợ OCOP <x@y.vn>")
    path = write_mail_file(str(tmp_path), email, "team.invitation")
    text = open(path, encoding="utf-8").read()
    assert "Subject: Lời mời tham gia" in text and "nội dung" in text and path.endswith(".eml")
