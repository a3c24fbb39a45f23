"""What events changes move in the page cache beyond what core.pagecache sees by itself.

A product page lists the upcoming events where the product is on an accepted booth: it
depends on `booth_application_products@product_id:<id>` (and on every event, for dates and
status). An application's change (accepted, withdrawn, cancelled) names its products'.
"""
from sqlalchemy import select

from marketplace.core import pagecache
from marketplace.events.models import BoothApplicationProduct


def _application_rule(connection, changes):
    ids = sorted({c.key for c in changes if c.key is not None})
    if not ids:
        return set()
    products = connection.execute(select(BoothApplicationProduct.product_id)
                                  .where(BoothApplicationProduct.application_id.in_(ids))).scalars()
    return {pagecache.set_tag("booth_application_products", "product_id", p) for p in products}


def register():
    pagecache.register_rule("booth_applications", _application_rule)
