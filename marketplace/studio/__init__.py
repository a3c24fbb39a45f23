"""The producer's workspace: profile, listings, photos, certificates, stock, team."""
from flask import Blueprint

from marketplace.core.charts import bar_chart, column_chart

bp = Blueprint("studio", __name__)
bp.add_app_template_global(bar_chart)
bp.add_app_template_global(column_chart)

from . import views  # noqa: E402,F401
