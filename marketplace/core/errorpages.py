"""Error pages in the site's style, and JSON errors for the API."""
from flask import Response, jsonify, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from marketplace.extensions import db


def _wants_json():
    return request.path.startswith("/api/") or request.path == "/healthz"


def _messages():
    return {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Bạn không có quyền xem trang này."),
        404: _("Không tìm thấy trang bạn cần."),
        405: _("Phương thức không được hỗ trợ."),
        413: _("Tệp tải lên quá lớn."),
        429: _("Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút."),
        500: _("Đã có lỗi ở phía chúng tôi. Vui lòng thử lại sau."),
    }


def render_error(status, message=None):
    message = message or _messages().get(status, _messages()[500])
    if request_ctx.url_adapter is None:  # a Host the site does not serve (TRUSTED_HOSTS): no page, no links
        return Response(f"{status} {message}\n", status, mimetype="text/plain")
    if _wants_json():
        return jsonify(error={"status": status, "message": message}), status
    return render_template("errors/error.html", status=status, message=message), status


def register_error_pages(app):
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_error(400, _("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. "
                                   "Vui lòng tải lại trang và thử lại."))

    @app.errorhandler(HTTPException)
    def _http_error(error):
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def _unexpected(error):
        app.logger.exception("Unhandled error on %s", request.path)
        db.session.rollback()
        return render_error(500)
