"""The storefront: provinces, categories, producers, products and their OCOP stars."""
from flask import Blueprint

bp = Blueprint("catalog", __name__)

# The product page's schema.org data; registered by the catalogue itself (core imports no domain).
from .structured_data import product_jsonld  # noqa: E402

bp.add_app_template_global(product_jsonld)


@bp.app_context_processor
def _navigation():
    """The groups and regions every page's menu lists (templates/_site_menu.html)."""
    from .navigation import navigation
    return {"nav": navigation()}


from . import views  # noqa: E402,F401
