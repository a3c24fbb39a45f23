"""Jinja helpers of the programme pages: figures in their unit and language, charts."""
from babel.numbers import format_percent
from flask import g
from flask_babel import gettext as _

from marketplace.core.money import format_vnd
from marketplace.programme import bp, charts
from marketplace.programme.models import SHARE_SCALE, TargetUnit


def _locale():
    return getattr(g, "locale", "vi")


def figure(value, unit, locale=None):
    """A stored value in its unit: 1.234 products, 3.600.000.000 ₫, 37,5 %."""
    if value is None:
        return ""
    locale = locale or _locale()
    unit = TargetUnit(unit)
    if unit is TargetUnit.VND:
        return format_vnd(value, locale)
    if unit is TargetUnit.SHARE:
        return format_percent(value / SHARE_SCALE, "#,##0.#%", locale=locale)
    return charts.whole_number(value, locale)


def goal_text(target):
    """"10", "ít nhất 30" or "100–120" in the target's unit."""
    if target.value is not None:
        return figure(target.value, target.unit)
    if target.max_value is None:
        return _("ít nhất %(value)s", value=figure(target.min_value, target.unit))
    return f"{figure(target.min_value, target.unit)}–{figure(target.max_value, target.unit)}"


@bp.app_template_filter("figure")
def _figure(value, unit):
    return figure(value, unit)


@bp.app_template_global("goal_text")
def _goal_text(target):
    return goal_text(target)


@bp.app_template_global("progress_bar")
def _progress_bar(item):
    """The bar of a TargetProgress."""
    return charts.progress_bar(item.actual, item.target.goal, item.target.max_value)


@bp.app_template_global("star_series")
def _star_series():
    return [(stars, _("%(n)s sao", n=stars), charts.STAR_COLOURS[stars]) for stars in (3, 4, 5)]


@bp.app_template_global("stacked_bars")
def _stacked_bars(rows):
    return charts.stacked_bars(rows, _star_series(), _locale())


@bp.app_template_global("stacked_columns")
def _stacked_columns(columns):
    return charts.stacked_columns(columns, _star_series(), _locale())


def place_label(plan):
    """Where a plan applies, as people say it: a district of a unit, a former province, or the unit."""
    province = plan.province.name_vi
    if plan.area:
        return _("%(area)s, %(province)s", area=plan.area, province=province)
    if plan.former_province is not None:
        if plan.former_province.name_vi == province:
            return _("%(province)s (địa giới trước 1/7/2025)", province=province)
        return _("%(former)s cũ (nay thuộc %(province)s)", former=plan.former_province.name_vi, province=province)
    return province


def period_label(plan):
    if plan.start_year == plan.end_year:
        return str(plan.start_year)
    return f"{plan.start_year}–{plan.end_year}"


@bp.app_template_global("plan_place")
def _plan_place(plan):
    return place_label(plan)


@bp.app_template_global("plan_period")
def _plan_period(plan):
    return period_label(plan)
