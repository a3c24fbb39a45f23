"""E-mails of post-inspection and complaints, composed here, sent by studio.notifications.dispatch
(an outbox row in the caller's transaction).

The producer hears every inspection's outcome; a reporter hears the officer's answer.
Bodies are Vietnamese plain text from templates/email/*.txt.
"""
from flask import render_template
from flask_babel import force_locale

from marketplace.events.notifications import absolute_url
from marketplace.registry.codes import code_for
from marketplace.studio.notifications import Message, producer_recipients

_OUTCOME_SUBJECTS = {
    "maintained": "Kết quả hậu kiểm “{name}”: giữ nguyên hạng",
    "warning": "Kết quả hậu kiểm “{name}”: nhắc nhở, yêu cầu khắc phục",
    "downgraded": "Kết quả hậu kiểm “{name}”: hạ hạng sao OCOP",
    "revoked": "Kết quả hậu kiểm “{name}”: thu hồi chứng nhận OCOP",
}


def _render(name, **context):
    with force_locale("vi"):
        return render_template(f"email/{name}.txt", **context)


def inspection_result(inspection):
    certification = inspection.certification
    product = certification.product
    producer = product.producer
    shown = inspection.replacement or certification
    return Message(
        topic=f"certificate.inspection_{inspection.outcome.value}",
        to=producer_recipients(producer),
        subject=_OUTCOME_SUBJECTS[inspection.outcome.value].format(name=product.name),
        body=_render("inspection_result", inspection=inspection, certification=certification, product=product,
                     producer=producer, outcome=inspection.outcome.value,
                     verify_url=absolute_url("registry.verify", code=code_for(shown))),
        meta={"inspection_id": inspection.id, "certification_id": certification.id, "producer_id": producer.id})


def complaint_answer(complaint):
    product = complaint.product
    return Message(
        topic="complaint.answered",
        to=[complaint.reporter_email],
        subject=f"Trả lời phản ánh về sản phẩm “{product.name}”",
        body=_render("complaint_answer", complaint=complaint, product=product,
                     product_url=absolute_url("storefront.product", slug=product.slug)),
        meta={"complaint_id": complaint.id, "product_id": product.id})
