"""The storefront: the public pages a visitor browses (home, catalogue, product, producer,
provinces, regions, categories) and the menu every page shows.

Why a package of its own: these pages read the catalogue (catalog/) and ask the search engine
(search/), and search builds its documents from the catalogue. With the pages inside catalog/,
catalog and search imported each other; here, above both, every arrow points down:
storefront -> search -> catalog. Its endpoints are `storefront.<page>` and its templates live in
templates/storefront/, so a reader finds the code from the endpoint name; the catalogue keeps its
data (models, queries, services) and the fragments other domains' pages include
(templates/catalog/_macros.html, _badge.html, _former_note.html).
"""
from flask import Blueprint

bp = Blueprint("storefront", __name__)

# The product page's schema.org data; registered here, not by core (core imports no domain).
from .structured_data import product_jsonld  # noqa: E402

bp.add_app_template_global(product_jsonld)


@bp.app_context_processor
def _navigation():
    """The groups and regions every page's menu lists (templates/_site_menu.html)."""
    from .navigation import navigation
    return {"nav": navigation()}


from . import views  # noqa: E402,F401
