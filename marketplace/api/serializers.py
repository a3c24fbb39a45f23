"""Turn catalogue records into plain JSON-ready dicts (one shape per record)."""
from flask import url_for

from marketplace.catalog.rating import BadgeState
from marketplace.core.markdown import render_markdown
from marketplace.core.urls import external_url


def province_ref(province, former=None):
    data = {"code": province.code, "slug": province.slug, "name": province.name_vi}
    if former is not None:
        data["former_province"] = former.name_vi
    return data


def product_summary(product, stars):
    producer = product.producer
    cover = product.cover
    return {
        "slug": product.slug,
        "name": product.name,
        "price": product.price,
        "currency": "VND",
        "unit": product.unit,
        "in_stock": product.in_stock,
        "stars": stars,
        "category": product.category.slug,
        "group": product.category.group.slug,
        "producer": {"slug": producer.slug, "name": producer.name, "kind": producer.kind.value},
        "province": province_ref(producer.province, producer.former_province),
        "url": external_url("storefront.product", slug=product.slug),
        "image": external_url("core.media", filename=cover.thumb_path or cover.path) if cover else None,
    }


def product_detail(product, badge):
    data = product_summary(product, badge.stars)
    data.update(description=product.description, description_html=str(render_markdown(product.description)),
                origin=product.origin, stock=product.stock,
                photos=[external_url("core.media", filename=p.path) for p in product.photos])
    cert = badge.certification
    data["certification"] = None if badge.state is BadgeState.NONE else {
        "state": badge.state.value,
        "stars": cert.stars,
        "points": cert.points,
        "number": cert.number,
        "issuing_body": cert.issuing_body,
        "level": cert.level.value,
        "decided_on": cert.decided_on.isoformat(),
        "expires_on": cert.expires_on.isoformat(),
    }
    return data


def province_detail(province):
    return {
        "code": province.code, "slug": province.slug, "name": province.name_vi, "name_ascii": province.name_ascii,
        "kind": province.kind, "region": province.region.code, "macro_region": province.macro_region.code,
        "former_provinces": [f.name_vi for f in province.former_provinces],
        "lat": province.lat, "lon": province.lon,
    }


def facets_json(facets):
    """Facet counts with string keys (JSON objects), as the engine or the database gave them."""
    return {name: {str(key): count for key, count in counts.items()} for name, counts in facets.items()}


def search_meta(page):
    return {"engine": page.engine, "degraded": page.degraded, "partial": page.partial,
            "alternatives": [{"label": a.label, "params": a.args, "total": a.total} for a in page.alternatives]}


def suggestion_product(product, marked_name):
    return {"type": "product", "name": product.name, "highlight": str(marked_name),
            "url": url_for("storefront.product", slug=product.slug), "stars": product.listed_stars,
            "price": product.price, "producer": product.producer.name}


def suggestion_producer(producer, marked_name):
    return {"type": "producer", "name": producer.name, "highlight": str(marked_name),
            "url": url_for("storefront.producer", slug=producer.slug), "province": producer.province.name_vi}
