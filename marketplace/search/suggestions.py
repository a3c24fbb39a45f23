"""Suggestions as you type (GET /api/v1/suggest): products and producers whose names match a
query being typed, the matched words marked; the database answers when the engine cannot."""
import logging
from dataclasses import dataclass

from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Producer
from marketplace.catalog.queries import CatalogFilters, browse_products
from marketplace.core import pagecache
from marketplace.core.text import fold
from marketplace.extensions import db
from marketplace.search import get_engine
from marketplace.search.analysis import analyze
from marketplace.search.base import SearchRequest, SearchUnavailable
from marketplace.search.highlight import highlight
from marketplace.search.service import engine_ready, load_products
from marketplace.search.specs import PRODUCERS, PRODUCTS

log = logging.getLogger(__name__)


@dataclass
class Suggestions:
    products: list  # (Product, Markup name)
    producers: list  # (Producer, Markup name)
    engine: str = "database"
    degraded: bool = False


def suggest(q, today, limit=6):
    """Products and producers for a query being typed (the last word may be unfinished)."""
    q = " ".join((q or "").split())[:100]
    if not fold(q):
        return Suggestions([], [])
    with pagecache.declared("products", "producers"):
        return _suggest(q, today, limit)


def _suggest(q, today, limit):
    plan = analyze(q)
    engine = None
    try:
        engine = get_engine()
        if engine is None:
            raise SearchUnavailable("SEARCH_ENGINE=database")
        result = engine.search(SearchRequest(index=PRODUCTS.name, query=q, limit=limit))
        if result.total == 0 and not engine_ready(engine):
            raise SearchUnavailable("empty index")
        producer_result = engine.search(SearchRequest(index=PRODUCERS.name, query=q, limit=3))
        products = load_products(result.ids, today)
        producers = _load_producers(producer_result.ids)
        engine_name, degraded = engine.name, False
    except Exception as exc:
        log.warning("suggestions from the database: %s", exc)
        if engine is not None:
            pagecache.uncacheable("search engine down")
        products = list(browse_products(CatalogFilters(q=q, per_page=limit), today).items)
        producers, engine_name, degraded = [], "database", True
    return Suggestions(products=[(p, highlight(p.name, plan)) for p in products],
                       producers=[(p, highlight(p.name, plan)) for p in producers],
                       engine=engine_name, degraded=degraded)


def _load_producers(ids):
    if not ids:
        return []
    rows = db.session.execute(db.select(Producer).where(Producer.id.in_(ids), Producer.verified.is_(True))
                              .options(selectinload(Producer.province))).scalars().all()
    by_id = {p.id: p for p in rows}
    return [by_id[i] for i in ids if i in by_id]
