"""Jinja helpers of the cycle: state labels, points, and the provenance shown next to a badge."""
from flask import g
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from marketplace.core.facts import criteria_parts
from marketplace.cycle import provenance, queries, states
from marketplace.cycle.scoring import format_points
from marketplace.extensions import db


def cycle_state(status):
    return states.label(status)


def points_text(value_x100):
    return "" if value_x100 is None else format_points(value_x100, getattr(g, "locale", "vi"))


def certificate_provenance(certification):
    """The Summary of where a certificate's stars come from, or None (templates/catalog/_badge.html)."""
    try:
        return provenance.summary_for(certification)
    except SQLAlchemyError:  # a product page must not fail on its provenance line
        db.session.rollback()
        return None


def province_place(province):
    """"tỉnh Lâm Đồng" / "thành phố Hà Nội" in Vietnamese, the name alone in English."""
    return provenance.place(province, getattr(g, "locale", "vi"))


def on_a_council():
    try:
        return queries.sits_on_a_council(current_user)
    except SQLAlchemyError:  # an error page must not fail on its menu
        db.session.rollback()
        return False


def init_app(app):
    app.add_template_global(cycle_state)
    app.add_template_global(points_text)
    app.add_template_global(certificate_provenance)
    app.add_template_global(on_a_council)
    app.add_template_global(province_place)
    app.add_template_global(criteria_parts)
