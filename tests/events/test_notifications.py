"""What the events domain would e-mail: composed messages, and dispatch's file drop."""
from marketplace.events import booths, lifecycle, notifications, visitors
from marketplace.events.tickets import format_code


def test_ticket_message(make_event):
    event = make_event(title="Hội chợ OCOP Hà Nội 2026")
    registration = visitors.register_visitor(event=event, name="Vũ Thị Hoa", email="hoa@example.vn")
    message = notifications.ticket_message(registration)
    assert message.to == "hoa@example.vn" and message.subject == "Vé tham dự: Hội chợ OCOP Hà Nội 2026"
    assert "Xin chào Vũ Thị Hoa" in message.body and format_code(registration.code) in message.body
    assert f"http://localhost:5000/tickets/{registration.code}" in message.body  # outside a request: SITE_URL
    assert "Cung Văn hóa Hữu nghị" in message.body and "giờ Việt Nam" in message.body
    assert message.as_payload()["kind"] == "ticket"


def test_phone_only_visitor_gets_no_email(make_event, sent):
    registration = visitors.register_visitor(event=make_event(), name="Khách", phone="0912345678")
    assert notifications.ticket_message(registration) is None
    assert sent() == []


def test_site_url_is_used_outside_requests(app, make_event):
    app.config["SITE_URL"] = "https://cho-ocop.example"
    registration = visitors.register_visitor(event=make_event(), name="A", email="a@example.vn")
    assert f"https://cho-ocop.example/tickets/{registration.code}" in notifications.ticket_message(registration).body


def test_application_messages_follow_the_state(make_event, apply, organizer):
    application = apply(make_event(title="Tuần hàng OCOP"), name="HTX Nước mắm Cát Hải")
    new = notifications.new_application_message(application)
    assert new.to == organizer.email and "HTX Nước mắm Cát Hải" in new.body and "/organizer/events/" in new.body
    booths.decide_application(application, "accepted", actor=organizer)
    accepted = notifications.application_message(application)
    assert accepted.to == application.producer.members[0].user.email  # no producer e-mail: the owner's
    assert accepted.subject == "Đơn đăng ký gian hàng được chấp nhận: Tuần hàng OCOP"
    assert "số 1" in accepted.body and "Kính gửi HTX Nước mắm Cát Hải" in accepted.body


def test_dispatch_sends_through_the_outbox(sent, db):
    message = notifications.Message(to="x@example.vn", subject="Chủ đề", body="Nội dung\n", kind="test")
    notifications.dispatch(message)
    notifications.dispatch(None)
    assert sent() == []  # nothing leaves before the transaction commits
    db.session.commit()
    [mail] = sent()
    assert "To: x@example.vn" in mail and "Subject: Chủ đề" in mail and "X-Topic: events.test" in mail
    assert mail.endswith("Nội dung\n")


def test_cancelling_an_event_tells_visitors_and_exhibitors(make_event, apply, organizer, sent):
    event = make_event(title="Hội chợ bị hủy")
    visitors.register_visitor(event=event, name="Khách", email="khach@example.vn")
    booths.decide_application(apply(event), "accepted", actor=organizer)
    before = len(sent())
    lifecycle.transition_event(event, "cancelled", reason="Mưa bão")
    mails = sent()[before:]
    assert len(mails) == 2 and all("Sự kiện đã hủy: Hội chợ bị hủy" in m and "Mưa bão" in m for m in mails)
