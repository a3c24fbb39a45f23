"""Charts as SVG drawn on the server: no JavaScript, no CDN, readable on a phone.

Each function returns Markup of one <svg> that scales to its container's width
(viewBox about 400 units wide, so text stays legible from a 360 px phone to a
desktop column). The SVG is decorative for assistive technology (aria-hidden):
every chart on a page is followed by a table of the same numbers.
"""
from functools import lru_cache

from babel.numbers import format_decimal, get_group_symbol
from markupsafe import Markup, escape

WIDTH = 360
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Arial, sans-serif"'
STAR_COLOURS = {3: "#f3c654", 4: "#d98e04", 5: "#b3261e"}
INK, MUTED, TRACK, GOOD = "#1d1b16", "#5f5a50", "#eee7da", "#1e6b3a"


@lru_cache(maxsize=16)
def _group_symbol(locale):
    return get_group_symbol(locale)


def whole_number(value, locale):
    """format_decimal(value, locale=locale) for whole numbers, without Babel's pattern machinery: the
    overview page shows some 300 figures, and Babel took half its rendering time."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", _group_symbol(locale))
    return format_decimal(value, locale=locale)


def _number(value, locale):
    return whole_number(value, locale)


def _svg(height, body, css_class):
    return Markup(f'<svg class="chart {css_class}" viewBox="0 0 {WIDTH} {height}" width="100%" '
                  f'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" '
                  f'xmlns="http://www.w3.org/2000/svg" {FONT}>{"".join(body)}</svg>')


def _legend(series, y=12):
    parts, x = [], 0
    for key, label, colour in series:
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" rx="2" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y}" font-size="12" fill="{INK}">{escape(label)}</text>')
        x += 24 + 7 * len(str(label))
    return "".join(parts)


def stacked_bars(rows, series, locale="vi"):
    """Horizontal bars, one per row, stacked by series; the row's label above its bar and its total after it.

    rows: [(label, {series_key: value})]; series: [(key, label, colour)].
    """
    row_height, top = 36, 24
    totals = [sum(values.get(key, 0) for key, _, _ in series) for _, values in rows]
    longest = max(totals, default=0) or 1
    bar_room = WIDTH - 56
    body = [_legend(series)]
    for index, ((label, values), total) in enumerate(zip(rows, totals)):
        y = top + index * row_height
        body.append(f'<text x="0" y="{y + 12}" font-size="12.5" fill="{INK}">{escape(label)}</text>')
        x = 0.0
        for key, name, colour in series:
            value = values.get(key, 0)
            if value:
                width = value / longest * bar_room
                body.append(f'<rect x="{x:.1f}" y="{y + 16}" width="{max(width, 1.5):.1f}" height="13" '
                            f'fill="{colour}"/>')
                x += width
        body.append(f'<text x="{x + 5:.1f}" y="{y + 27}" font-size="12" font-weight="600" fill="{INK}">'
                    f'{escape(_number(total, locale))}</text>')
    return _svg(top + len(rows) * row_height, body, "chart-bars")


def stacked_columns(columns, series, locale="vi"):
    """Vertical columns (e.g. one per year) stacked by series, totals above, labels below.

    columns: [(label, {series_key: value})]; series: [(key, label, colour)].
    """
    height, top, bottom = 230, 40, 22
    plot = height - top - bottom
    totals = [sum(values.get(key, 0) for key, _, _ in series) for _, values in columns]
    tallest = max(totals, default=0) or 1
    slot = WIDTH / max(len(columns), 1)
    bar = min(slot * 0.62, 46)
    body = [_legend(series), f'<line x1="0" x2="{WIDTH}" y1="{top + plot}" y2="{top + plot}" stroke="{MUTED}"/>']
    for index, ((label, values), total) in enumerate(zip(columns, totals)):
        x = index * slot + (slot - bar) / 2
        y = top + plot
        for key, _, colour in series:
            value = values.get(key, 0)
            if value:
                h = value / tallest * plot
                y -= h
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>')
        centre = index * slot + slot / 2
        body.append(f'<text x="{centre:.1f}" y="{y - 4:.1f}" font-size="11.5" font-weight="600" '
                    f'text-anchor="middle" fill="{INK}">{escape(_number(total, locale))}</text>')
        body.append(f'<text x="{centre:.1f}" y="{height - 6}" font-size="11.5" text-anchor="middle" '
                    f'fill="{MUTED}">{escape(label)}</text>')
    return _svg(height, body, "chart-columns")


def progress_bar(actual, goal, maximum=None):
    """A bar from 0 to the larger of the target and the actual figure; ticks at the goal (and the range's top).

    Green once the goal is reached. None when there is nothing to draw.
    """
    if actual is None or goal is None:
        return None
    height, bar_y, bar_h = 20, 4, 12
    scale = max(actual, maximum or 0, goal, 1)
    fill = GOOD if actual >= goal else "#d98e04"
    body = [f'<rect x="0" y="{bar_y}" width="{WIDTH}" height="{bar_h}" rx="3" fill="{TRACK}"/>']
    if actual:
        body.append(f'<rect x="0" y="{bar_y}" width="{max(actual / scale * WIDTH, 2):.1f}" height="{bar_h}" '
                    f'rx="3" fill="{fill}"/>')
    for mark in (goal, maximum):
        if mark is not None:
            x = min(mark / scale * WIDTH, WIDTH - 1.5)
            body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}" stroke="{INK}" stroke-width="2"/>')
    return _svg(height, body, "chart-progress")
