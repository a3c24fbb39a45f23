"""The verify page's schema.org `Certification` (JSON-LD) and the API's JSON of the same facts.

Both are built from one `registry.services.Verification`, so the page, its markup and
the API cannot disagree. The page embeds the JSON-LD with Jinja's `tojson`, which
escapes <, >, & and ' so that no product name can close the script element.
"""
from marketplace.catalog.rating import CertificateState
from marketplace.core.urls import external_url
from marketplace.cycle.provenance import provenance_for

SCHEMA = "https://schema.org/"


def verify_url(certification_code):
    return external_url("registry.verify", code=certification_code)


def _product_url(verification):
    if not verification.product_public:
        return None
    return external_url("storefront.product", slug=verification.product.slug)


def certificate_jsonld(verification):
    cert, product, producer = verification.certification, verification.product, verification.producer
    about = {"@type": "Product", "name": product.name,
             "manufacturer": {"@type": "Organization", "name": producer.name,
                              "address": {"@type": "PostalAddress", "addressRegion": producer.province.name_vi,
                                          "addressCountry": "VN"}}}
    if _product_url(verification):
        about["url"] = _product_url(verification)
    data = {
        "@context": "https://schema.org",
        "@type": "Certification",
        "name": f"OCOP {cert.stars} sao",
        "url": verify_url(verification.code),
        "certificationIdentification": cert.number,
        "certificationStatus": SCHEMA + ("CertificationActive" if verification.state is CertificateState.VALID
                                         else "CertificationInactive"),
        "certificationRating": {"@type": "Rating", "ratingValue": cert.stars, "bestRating": 5, "worstRating": 1},
        "issuedBy": {"@type": "Organization", "name": cert.issuing_body},
        "validFrom": cert.decided_on.isoformat(),
        "expires": cert.expires_on.isoformat(),
        "about": about,
    }
    if verification.last_inspection is not None:
        data["auditDate"] = verification.last_inspection.inspected_on.isoformat()
    return data


def _linked(certification, code_for):
    if certification is None:
        return None
    code = code_for(certification)
    return {"number": certification.number, "stars": certification.stars, "code": code, "url": verify_url(code)}


def _evaluation(certification):
    """The provincial council's scoring behind a certificate the OCOP cycle made, or None
    (a certificate uploaded by its producer and checked by an officer). Points as numbers."""
    provenance = provenance_for(certification)
    if provenance is None:
        return None
    round_ = provenance.round
    return {"province": {"code": round_.province.code, "slug": round_.province.slug, "name": round_.province.name_vi},
            "round": round_.name, "members": provenance.members, "average": provenance.average_x100 / 100,
            "parts": {code: value / 100 for code, value in sorted(provenance.parts_x100.items())},
            "central_points": provenance.central_points, "signer": provenance.signer}


def certificate_json(verification, today, code_for):
    """The API's answer for one certificate (its JSON Schema: registry/schema.json)."""
    cert, product, producer = verification.certification, verification.product, verification.producer
    inspection = verification.last_inspection
    return {
        "code": verification.code,
        "url": verify_url(verification.code),
        "state": verification.state.value,
        "checked_on": today.isoformat(),
        "certificate": {"number": cert.number, "stars": cert.stars, "points": cert.points,
                        "issuing_body": cert.issuing_body, "level": cert.level.value,
                        "decided_on": cert.decided_on.isoformat(), "expires_on": cert.expires_on.isoformat()},
        "product": {"slug": product.slug, "name": product.name, "url": _product_url(verification)},
        "producer": {"slug": producer.slug, "name": producer.name,
                     "province": {"code": producer.province.code, "slug": producer.province.slug,
                                  "name": producer.province.name_vi}},
        "replaced_by": _linked(verification.replaced_by, code_for),
        "replaces": _linked(verification.replaces, code_for),
        "last_inspection": None if inspection is None else {"inspected_on": inspection.inspected_on.isoformat(),
                                                            "outcome": inspection.outcome.value},
        "evaluation": _evaluation(cert),
    }
