"""The producer's listings in the studio: the list, creating and editing a product, its
preview and status, and its photos.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.rating import badge_for
from marketplace.catalog.services import find_category
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first, uploaded_bytes
from marketplace.core.inputs import page_arg
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import bp
from marketplace.studio import listings
from marketplace.studio.acting import studio_required
from marketplace.studio.context import _locale, _photo, _product, _render, _status
from marketplace.studio.forms import ConfirmForm, PhotoForm, ProductForm, StatusForm


# --- listings ---------------------------------------------------------------------------------

@bp.get("/products")
@studio_required
def products():
    status = request.args.get("status") or None
    query = (db.select(Product).where(Product.producer_id == g.producer.id).order_by(Product.updated_at.desc())
             .options(selectinload(Product.photos)))  # the list's thumbnails
    if status in {s.value for s in ProductStatus}:
        query = query.where(Product.status == ProductStatus(status))
    else:
        status = None
        query = query.where(Product.status != ProductStatus.ARCHIVED)
    page = db.paginate(query, page=page_arg(), per_page=50, error_out=False)
    return render_template("studio/products.html", page=page, status=status, statuses=list(ProductStatus))


def _product_fields(form):
    category = find_category(form.category.data)
    if category is None:
        abort(400)
    return dict(category=category, name=form.name.data, price=form.price.data, unit=form.unit.data,
                stock=form.stock.data, description=form.description.data or "", origin=form.origin.data or "")


@bp.route("/products/new", methods=["GET", "POST"])
@studio_required
def new_product():
    form = ProductForm(locale=_locale())
    if form.validate_on_submit():
        try:
            product = listings.create_listing(current_user, g.producer, submission=form.submission_token,
                                              **_product_fields(form))
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.edit_product", product_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu bản nháp. Thêm ảnh rồi bấm “Đăng bán”."), "success")
            return redirect(url_for("studio.edit_product", product_id=product.id))
    return _render("studio/product_new.html", _status(form), form=form)


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@studio_required
def edit_product(product_id):
    product = _product(product_id)
    form = ProductForm(obj=product, locale=_locale())
    if form.validate_on_submit():
        try:
            listings.update_listing(current_user, product, **_product_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu sản phẩm."), "success")
            return redirect(url_for("studio.edit_product", product_id=product.id))
    return _edit_page(product, form=form)


def _edit_page(product, form=None, photo_form=None):
    if form is None or not form.is_submitted():
        # From the record: the select holds category slugs, not Category objects.
        form = form or ProductForm(obj=product, locale=_locale(), formdata=None)
        form.category.data = product.category.slug
    photo_form = photo_form or PhotoForm(formdata=None)
    status = _status(form, photo_form)
    return _render("studio/product_edit.html", status, form=form, product=product, photo_form=photo_form,
                   confirm=ConfirmForm(), status_form=StatusForm(), badge=badge_for(product))


@bp.get("/products/<int:product_id>/preview")
@studio_required
def preview_product(product_id):
    product = _product(product_id)
    today = vn_today()
    return render_template("studio/preview.html", product=product, badge=badge_for(product, today), related=[],
                           today=today)


def _status_message(status):
    return {
        ProductStatus.ACTIVE: _("Sản phẩm đã được đăng bán."),
        ProductStatus.DRAFT: _("Sản phẩm đã chuyển về nháp và không còn hiển thị."),
        ProductStatus.ARCHIVED: _("Sản phẩm đã được lưu trữ."),
    }[status]


@bp.post("/products/<int:product_id>/status")
@studio_required
def product_status(product_id):
    product = _product(product_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            listings.change_listing_status(current_user, product, form.status.data)
        except (DomainError, ValueError) as error:
            flash(str(getattr(error, "message", _("Trạng thái không hợp lệ."))), "error")
        else:
            flash(_status_message(product.status), "success")
            if product.status == ProductStatus.ACTIVE and not g.producer.verified:
                flash(_("Sản phẩm sẽ hiển thị công khai khi hồ sơ chủ thể được xác minh."), "info")
    return redirect(url_for("studio.edit_product", product_id=product.id))


# --- photos -------------------------------------------------------------------------------------

@bp.post("/products/<int:product_id>/photos")
@studio_required
def add_photo(product_id):
    product = _product(product_id)
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            listings.add_photo(current_user, product, uploaded_bytes(form.photo, "MAX_IMAGE_BYTES"), form.alt.data,
                               submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.edit_product", product_id=product.id) + "#photos")
        except DomainError as error:
            form.photo.errors = [*form.photo.errors, str(error.message)]
        else:
            flash(_("Đã thêm ảnh."), "success")
            return redirect(url_for("studio.edit_product", product_id=product.id) + "#photos")
    return _edit_page(product, photo_form=form)


@bp.post("/photos/<int:photo_id>/delete")
@studio_required
def delete_photo(photo_id):
    photo = _photo(photo_id)
    product_id = photo.product_id
    if ConfirmForm().validate_on_submit():
        try:
            listings.delete_photo(current_user, photo)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã xóa ảnh."), "success")
    return redirect(url_for("studio.edit_product", product_id=product_id) + "#photos")


@bp.post("/photos/<int:photo_id>/cover")
@studio_required
def cover_photo(photo_id):
    photo = _photo(photo_id)
    if ConfirmForm().validate_on_submit():
        listings.make_cover(current_user, photo)
        flash(_("Đã đặt làm ảnh đại diện."), "success")
    return redirect(url_for("studio.edit_product", product_id=photo.product_id) + "#photos")
