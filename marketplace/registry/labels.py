"""Printable OCOP labels: the QR of a certificate's verify page with its stars, product,
producer, decision number and expiry, as SVG, PNG (Pillow) and PDF (fpdf2).

One layout (`layout`, in millimetres) is drawn by three back ends, so the three files
say the same thing. The QR is the `qrcode` library's own matrix, drawn as squares.
Text is set in Noto Sans (static/fonts/, subset to Latin and Vietnamese, SIL OFL); when
that file is missing (LABEL_FONT_DIR points elsewhere), PNG and PDF fall back to
built-in fonts and print the text without diacritics rather than fail. The label is
in Vietnamese, the language of the goods' market, whatever the page's language.
"""
import io
import math
import os
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import qrcode
from flask import current_app
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

WIDTH, HEIGHT = 90.0, 54.0   # mm: a business-card label
MARGIN = 3.0
QR_SIZE = 44.0               # mm, quiet zone included
TEXT_X = MARGIN + QR_SIZE + 2.0
TEXT_WIDTH = WIDTH - TEXT_X - MARGIN
PNG_SCALE = 12               # pixels per mm (about 300 dpi)
PT = 0.3528                  # mm per typographic point
REGULAR, BOLD = "NotoSans-Regular-vi.ttf", "NotoSans-Bold-vi.ttf"
GREEN, GOLD, GREY = (21, 101, 52), (217, 160, 0), (170, 170, 170)


@dataclass(frozen=True)
class Line:
    text: str
    x: float      # mm, left
    y: float      # mm, baseline
    size: float   # points
    bold: bool = False
    color: tuple = (0, 0, 0)


@dataclass(frozen=True)
class Layout:
    qr: list       # rows of booleans, quiet zone included
    stars: int
    lines: list
    star_y: float  # mm, centre of the star row


def font_dir():
    return current_app.config.get("LABEL_FONT_DIR") or os.path.join(current_app.static_folder, "fonts")


def font_path(bold=False):
    """The label font file, or None when it is not installed."""
    path = os.path.join(font_dir(), BOLD if bold else REGULAR)
    return path if os.path.isfile(path) else None


def ascii_text(text):
    """Text without diacritics (đ → d, case kept), for the built-in fallback fonts."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("latin-1", "replace").decode(
        "latin-1")


def _pil_font(size_pt, bold, scale=PNG_SCALE):
    pixels = max(int(round(size_pt * PT * scale)), 1)
    path = font_path(bold)
    if path is None:
        return ImageFont.load_default(size=pixels), False
    return ImageFont.truetype(path, pixels), True


def _wrap(text, size_pt, bold, width_mm, max_lines):
    """Lines of `text` no wider than `width_mm`, at most `max_lines` (the last one shortened with …)."""
    font, has_font = _pil_font(size_pt, bold)
    shown = text if has_font else ascii_text(text)
    fits = lambda s: font.getlength(s) / PNG_SCALE <= width_mm  # noqa: E731
    lines, current = [], ""
    for word in shown.split():
        candidate = f"{current} {word}".strip()
        if fits(candidate) or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1:])
        while last and not fits(last + "…"):
            last = last[:-1].rstrip()
        lines = lines[:max_lines - 1] + [last + "…"]
    return lines


def qr_matrix(data):
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def layout(verification, url):
    """Where everything goes on the label of one certificate (`url`: its verify page)."""
    cert, product, producer = verification.certification, verification.product, verification.producer
    lines, y = [], MARGIN + 5.0
    lines.append(Line("SẢN PHẨM OCOP", TEXT_X, y, 10, True, GREEN))
    star_y = y + 4.2
    y = star_y + 7.0
    lines.append(Line(f"{cert.stars} sao · {cert.points}/100 điểm", TEXT_X, y, 7, True))
    y += 4.2
    for text in _wrap(product.name, 7.5, True, TEXT_WIDTH, 3):
        lines.append(Line(text, TEXT_X, y, 7.5, True))
        y += 3.4
    for text in _wrap(producer.name, 6, False, TEXT_WIDTH, 2):
        lines.append(Line(text, TEXT_X, y, 6, False))
        y += 2.8
    y += 0.8
    for text in _wrap(f"QĐ số {cert.number}", 6, False, TEXT_WIDTH, 2):
        lines.append(Line(text, TEXT_X, y, 6))
        y += 2.8
    lines.append(Line(f"Hiệu lực đến {cert.expires_on:%d/%m/%Y}", TEXT_X, y, 6))
    lines.append(Line("Quét mã QR để kiểm tra chứng nhận", MARGIN + 1.5, MARGIN + QR_SIZE + 3.2, 6, True, GREEN))
    domain = url.split("//", 1)[-1].split("/", 1)[0]
    lines.append(Line(domain, TEXT_X, HEIGHT - MARGIN + 0.6, 5.5, False, (90, 90, 90)))
    return Layout(qr=qr_matrix(url), stars=cert.stars, lines=lines, star_y=star_y)


def _star_points(cx, cy, radius):
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def _stars(star_y):
    """(points, filled) of the five star shapes, left to right."""
    return [(_star_points(TEXT_X + 2.4 + i * 5.6, star_y, 2.5), i) for i in range(5)]


def _qr_runs(matrix):
    """Horizontal runs of dark modules: (row, first column, length)."""
    for row, cells in enumerate(matrix):
        col = 0
        while col < len(cells):
            if cells[col]:
                start = col
                while col < len(cells) and cells[col]:
                    col += 1
                yield row, start, col - start
            else:
                col += 1


def _rgb(color):
    return "#%02x%02x%02x" % color


# --- SVG --------------------------------------------------------------------------------------

def svg(label):
    module = QR_SIZE / len(label.qr)
    path = "".join(f"M{MARGIN + c * module:.3f} {MARGIN + r * module:.3f}h{n * module:.3f}v{module:.3f}"
                   f"h{-n * module:.3f}z" for r, c, n in _qr_runs(label.qr))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}mm" height="{HEIGHT}mm" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}">',
             f'<rect x="0.3" y="0.3" width="{WIDTH - 0.6}" height="{HEIGHT - 0.6}" rx="2" fill="#fff" '
             f'stroke="{_rgb(GREEN)}" stroke-width="0.6"/>',
             f'<path d="{path}" fill="#000"/>']
    for points, index in _stars(label.star_y):
        fill = _rgb(GOLD) if index < label.stars else "#fff"
        outline = _rgb(GOLD) if index < label.stars else _rgb(GREY)
        coords = " ".join(f"{x:.2f},{y:.2f}" for x, y in points)
        parts.append(f'<polygon points="{coords}" fill="{fill}" stroke="{outline}" stroke-width="0.3"/>')
    for line in label.lines:
        weight = "700" if line.bold else "400"
        parts.append(f'<text x="{line.x:.2f}" y="{line.y:.2f}" font-family="\'Noto Sans\', Arial, sans-serif" '
                     f'font-size="{line.size * PT:.2f}" font-weight="{weight}" fill={quoteattr(_rgb(line.color))}>'
                     f'{escape(line.text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


# --- PNG --------------------------------------------------------------------------------------

def png(label):
    scale = PNG_SCALE
    image = Image.new("RGB", (int(WIDTH * scale), int(HEIGHT * scale)), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([3, 3, image.width - 4, image.height - 4], radius=int(2 * scale), outline=GREEN,
                           width=max(int(0.6 * scale), 1))
    module = int(QR_SIZE * scale) // len(label.qr)  # whole pixels per module: sharp edges for scanners
    left = top = int(MARGIN * scale) + (int(QR_SIZE * scale) - module * len(label.qr)) // 2
    for r, c, n in _qr_runs(label.qr):
        draw.rectangle([left + c * module, top + r * module, left + (c + n) * module - 1,
                        top + (r + 1) * module - 1], fill="black")
    for points, index in _stars(label.star_y):
        pixels = [(x * scale, y * scale) for x, y in points]
        draw.polygon(pixels, fill=GOLD if index < label.stars else "white",
                     outline=GOLD if index < label.stars else GREY)
    for line in label.lines:
        font, has_font = _pil_font(line.size, line.bold, scale)
        text = line.text if has_font else ascii_text(line.text)
        draw.text((line.x * scale, line.y * scale), text, font=font, fill=line.color, anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(int(scale * 25.4), int(scale * 25.4)))
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------------

def pdf(label, title="OCOP"):
    from fpdf import FPDF  # imported here: only label downloads need it

    document = FPDF(orientation="L", unit="mm", format=(HEIGHT, WIDTH))
    document.set_auto_page_break(False)
    document.set_margins(0, 0, 0)
    document.set_title(title)
    document.set_creator("Chợ OCOP")
    document.add_page()
    regular, bold = font_path(False), font_path(True)
    has_font = regular is not None and bold is not None
    if has_font:
        document.add_font("NotoSans", "", regular)
        document.add_font("NotoSans", "B", bold)
    document.set_draw_color(*GREEN)
    document.set_line_width(0.6)
    document.rect(0.3, 0.3, WIDTH - 0.6, HEIGHT - 0.6, style="D", round_corners=True, corner_radius=2)
    module = QR_SIZE / len(label.qr)
    document.set_fill_color(0, 0, 0)
    for r, c, n in _qr_runs(label.qr):
        document.rect(MARGIN + c * module, MARGIN + r * module, n * module, module, style="F")
    document.set_line_width(0.3)
    for points, index in _stars(label.star_y):
        document.set_fill_color(*(GOLD if index < label.stars else (255, 255, 255)))
        document.set_draw_color(*(GOLD if index < label.stars else GREY))
        document.polygon(points, style="DF")
    for line in label.lines:
        document.set_font("NotoSans" if has_font else "helvetica", "B" if line.bold else "", line.size)
        document.set_text_color(*line.color)
        document.text(line.x, line.y, line.text if has_font else ascii_text(line.text))
    return bytes(document.output())


def qr_svg(data, size_mm=None):
    """The QR code of `data` alone, as SVG text (the product and verify pages show it)."""
    matrix = qr_matrix(data)
    n = len(matrix)
    path = "".join(f"M{c} {r}h{k}v1h-{k}z" for r, c, k in _qr_runs(matrix))
    size = f' width="{size_mm}mm" height="{size_mm}mm"' if size_mm else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}"{size} shape-rendering="crispEdges">'
            f'<rect width="{n}" height="{n}" fill="#fff"/><path d="{path}" fill="#000"/></svg>')
