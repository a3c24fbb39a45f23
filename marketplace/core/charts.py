"""Small charts drawn on the server as SVG: no JavaScript, no CDN, readable by screen readers.

Each function returns safe markup for a template. Labels are escaped; every bar
carries a <title> (a tooltip) and the chart has an accessible name, and the page
should also show the numbers as a table or list for those who cannot see it.
"""
from markupsafe import Markup, escape


def _fmt(value, formatter):
    return formatter(value) if formatter else f"{value:,}".replace(",", ".")


def bar_chart(items, *, title, formatter=None, width=420, bar_height=26, gap=8, label_width=170):
    """Horizontal bars: `items` is a list of (label, value) with value >= 0."""
    items = list(items)
    if not items:
        return Markup("")
    top = max(value for _, value in items) or 1
    plot = width - label_width - 70
    height = len(items) * (bar_height + gap) + gap
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(items):
        y = gap + index * (bar_height + gap)
        length = max(1, round(plot * value / top)) if value else 0
        text = str(label)
        short = text if len(text) <= 20 else text[:19] + "…"
        parts.append(
            f'<g><title>{escape(text)}: {escape(_fmt(value, formatter))}</title>'
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" class="chart-label">'
            f"{escape(short)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" rx="3" class="chart-bar"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.7:.1f}" class="chart-value">'
            f"{escape(_fmt(value, formatter))}</text></g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(points, *, title, formatter=None, width=640, height=220):
    """Vertical columns over time: `points` is a list of (label, value), e.g. sales per month."""
    points = list(points)
    if not points:
        return Markup("")
    top = max(value for _, value in points) or 1
    base, left, plot_height = height - 28, 8, height - 56
    step = (width - 2 * left) / len(points)
    column = max(4, step * 0.6)
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" class="chart-axis"/>']
    for index, (label, value) in enumerate(points):
        x = left + index * step + (step - column) / 2
        bar = round(plot_height * value / top) if value else 0
        parts.append(
            f'<g><title>{escape(str(label))}: {escape(_fmt(value, formatter))}</title>'
            f'<rect x="{x:.1f}" y="{base - bar}" width="{column:.1f}" height="{bar}" rx="2" class="chart-bar"/>'
            f'<text x="{x + column / 2:.1f}" y="{base + 16}" text-anchor="middle" class="chart-label">'
            f"{escape(str(label))}</text></g>")
    parts.append("</svg>")
    return Markup("".join(parts))
