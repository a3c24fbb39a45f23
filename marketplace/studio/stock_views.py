"""Stock and prices of many products at once in the studio: a CSV upload checked and shown
before it is applied, and the current list as CSV (studio.bulk).
"""
from flask import current_app, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.core.errors import DomainError
from marketplace.core.forms import show_first
from marketplace.core.spreadsheets import csv_response
from marketplace.core.submissions import AlreadySubmitted
from marketplace.studio import bp, bulk
from marketplace.studio.acting import studio_required
from marketplace.studio.context import _render, _status
from marketplace.studio.forms import StockApplyForm, StockUploadForm


@bp.route("/stock", methods=["GET", "POST"])
@studio_required
def stock():
    form = StockUploadForm()
    preview = None
    if form.validate_on_submit():
        data = form.file.data.stream.read(current_app.config["MAX_CSV_BYTES"] + 1)
        if len(data) > current_app.config["MAX_CSV_BYTES"]:
            form.file.errors = [*form.file.errors, _("Tệp quá lớn: tối đa 1 MB.")]
        else:
            preview = bulk.preview_import(current_user, g.producer, data, form.file.data.filename)
    status = 400 if _status(form) == 400 or (preview is not None and not preview.ok) else 200
    return _render("studio/stock.html", status, form=form, preview=preview,
                   apply_form=StockApplyForm(token=preview.token if preview else None))


@bp.post("/stock/apply")
@studio_required
def stock_apply():
    form = StockApplyForm()
    if form.validate_on_submit():
        try:
            count = bulk.apply_import(current_user, g.producer, form.token.data)
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.products"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã cập nhật %(n)s sản phẩm.", n=count), "success")
            return redirect(url_for("studio.products"))
    return redirect(url_for("studio.stock"))


@bp.get("/stock.csv")
@studio_required
def stock_csv():
    return csv_response(bulk.export_stock_csv(g.producer), f"ton-kho-{g.producer.slug}.csv")
