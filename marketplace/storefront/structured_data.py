"""schema.org Product JSON-LD for product pages, so search engines show price and stock."""

from marketplace.core.markdown import plain_excerpt
from marketplace.core.urls import external_url


def product_jsonld(product, badge):
    producer = product.producer
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": plain_excerpt(product.description, 500),
        "sku": product.slug,
        "url": external_url("storefront.product", slug=product.slug),
        "category": product.category.name_vi,
        "brand": {"@type": "Brand", "name": producer.name},
        "manufacturer": {"@type": "Organization", "name": producer.name,
                         "address": {"@type": "PostalAddress", "streetAddress": producer.address,
                                     "addressRegion": producer.province.name_vi, "addressCountry": "VN"}},
        "countryOfOrigin": "VN",
        "offers": {
            "@type": "Offer",
            "price": product.price,
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock" if product.in_stock else "https://schema.org/OutOfStock",
            "url": external_url("storefront.product", slug=product.slug),
        },
    }
    if product.photos:
        data["image"] = [external_url("core.media", filename=p.path) for p in product.photos]
    if badge.stars:
        cert = badge.certification
        data["award"] = f"OCOP {cert.stars} sao ({cert.number}, hiệu lực đến {cert.expires_on.isoformat()})"
    return data
