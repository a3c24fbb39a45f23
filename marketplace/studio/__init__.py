"""The producer's workspace: profile, listings, photos, certificates, stock, team."""
from flask import Blueprint

from marketplace.core.charts import bar_chart, column_chart

bp = Blueprint("studio", __name__)
bp.add_app_template_global(bar_chart)
bp.add_app_template_global(column_chart)

from . import context, producer_views, product_views, certificate_views, stock_views, team_views  # noqa: E402,F401
