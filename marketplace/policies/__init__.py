"""Who runs the site and on what terms: the operator's details shown in every footer, and
the policy pages (returns, privacy, shipping, payment, terms) in Vietnamese and English.

Vietnamese shoppers look for these before they buy (and Decree 52/2013/NĐ-CP asks an
e-commerce site to show them). The details come from configuration (`OPERATOR_*`),
the shipping fees and reservation times from the same settings checkout uses, so a
policy never states a figure the site does not apply.
"""
from flask import Blueprint

bp = Blueprint("policies", __name__)

from . import views  # noqa: E402,F401
