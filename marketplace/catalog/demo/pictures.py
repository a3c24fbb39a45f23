"""Pictures for the demo catalogue, drawn locally with Pillow (no network, no stock photos).

A product photo is the product group's colours, a stylised object for its subcategory
(tinted after well-known things: a durian olive, a strawberry red) and its name in ASCII;
a producer logo is a disc with the producer's initials. Both are seeded by the slug, so
the same listing always gets the same picture.
"""
import io
import math
import random
import unicodedata
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

from marketplace.core.text import fold

PHOTO_SIZE = (800, 600)
THUMB_SIZE = (400, 300)
LOGO_SIZE = 200
JPEG_QUALITY = 80


GROUP_PALETTES = {
    "thuc-pham": ((255, 246, 228), (240, 176, 112), [(196, 62, 42), (222, 120, 36), (120, 150, 60), (150, 90, 50)]),
    "do-uong": ((232, 245, 236), (110, 160, 120), [(92, 58, 36), (40, 110, 70), (170, 60, 60), (210, 150, 40)]),
    "thao-duoc": ((238, 247, 230), (140, 186, 110), [(70, 120, 50), (160, 120, 40), (110, 70, 120), (200, 170, 60)]),
    "thu-cong-my-nghe": ((246, 238, 226), (186, 146, 104), [(40, 70, 140), (150, 50, 40), (120, 90, 50), (30, 30, 30)]),
    "sinh-vat-canh": ((236, 246, 255), (140, 196, 214), [(220, 80, 130), (240, 160, 40), (60, 140, 80), (230, 90, 50)]),
    "dich-vu-du-lich": ((196, 228, 255), (255, 226, 190),
                        [(60, 120, 70), (120, 80, 50), (200, 90, 40), (70, 110, 160)]),
}
SHAPES = {
    "nong-san-tuoi": "fruit", "nong-san-so-che": "bag", "thuc-pham-che-bien": "box", "gia-vi-nuoc-cham": "bottle",
    "thuy-san": "fish", "banh-keo": "box", "mat-ong": "jar", "che-tra": "leaf", "ca-phe-ca-cao": "bag",
    "ruou": "bottle", "nuoc-giai-khat": "bottle", "duoc-lieu": "leaf", "thuc-pham-chuc-nang-tu-thao-duoc": "jar",
    "my-pham-thao-duoc": "jar", "tinh-dau": "vial", "may-tre-dan": "basket", "gom-su": "vase",
    "go-my-nghe": "box", "son-mai-kham-trai": "frame", "vai-lua-may-mac": "fabric", "do-trang-tri": "frame",
    "hoa": "flower", "cay-canh": "tree", "ca-canh-chim-canh": "fish", "diem-du-lich": "landscape",
    "du-lich-cong-dong-homestay": "house", "trai-nghiem-lang-nghe": "house",
}

# Colours of well-known things, matched on folded product names (first match wins).
OBJECT_COLOURS = [
    (("dau tay", "vai thieu", "vai say", "thanh long ruot do", "ot "), (200, 40, 50)),
    (("sau rieng", "mit "), (150, 160, 60)),
    (("cam ", "cam vinh", "quyt", "mang cau"), (232, 130, 30)),
    (("xoai", "dua sap", "khom", "nhan long", "mat ong"), (226, 176, 40)),
    (("buoi", "na chi lang", "nho xanh", "su su", "thanh tra"), (130, 170, 60)),
    (("man hau", "nho say", "mang cut", "ruou sim"), (120, 40, 80)),
    (("ca phe", "ca cao", "que ", "hat de", "tieu den"), (110, 70, 40)),
    (("men lam",), (40, 70, 150)),
]


def ascii_text(text):
    """Diacritics off, case kept ("Đặc sản" → "Dac san"), for Pillow's built-in font."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


@lru_cache(maxsize=8)
def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):  # Pillow without FreeType: fixed bitmap font
        return ImageFont.load_default()


@lru_cache(maxsize=16)
def _background(group_slug, flipped):
    top, bottom, _ = GROUP_PALETTES.get(group_slug, GROUP_PALETTES["thuc-pham"])
    if flipped:
        top, bottom = bottom, top
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    return ImageOps.colorize(gradient, top, bottom)


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _leaf(draw, cx, cy, length, width, angle, colour):
    points = []
    for i in range(17):
        t = i / 16
        points.append((t * length, math.sin(math.pi * t) * width / 2))
    for i in range(15, 0, -1):
        t = i / 16
        points.append((t * length, -math.sin(math.pi * t) * width / 2))
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    draw.polygon([(cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a) for x, y in points], fill=colour)
    draw.line([(cx, cy), (cx + length * cos_a, cy + length * sin_a)], fill=_shade(colour, 0.7), width=2)


def _w(width, s, least=1):
    """A line width scaled with the object, never thinner than `least`."""
    return max(least, int(width * s))


def _draw_shape(draw, shape, cx, cy, s, colour, accent, rng):
    """One stylised object centred on (cx, cy), s = scale (1 ≈ 400 px tall)."""
    dark, light = _shade(colour, 0.65), _shade(colour, 1.35)
    draw.ellipse((cx - 150 * s, cy + 175 * s, cx + 150 * s, cy + 215 * s), fill=_shade(accent, 0.8))  # shadow
    if shape == "bottle":
        draw.rounded_rectangle((cx - 70 * s, cy - 60 * s, cx + 70 * s, cy + 195 * s), radius=int(22 * s), fill=colour)
        draw.polygon([(cx - 70 * s, cy - 50 * s), (cx - 26 * s, cy - 125 * s), (cx + 26 * s, cy - 125 * s),
                      (cx + 70 * s, cy - 50 * s)], fill=colour)
        draw.rectangle((cx - 26 * s, cy - 185 * s, cx + 26 * s, cy - 120 * s), fill=colour)
        draw.rectangle((cx - 31 * s, cy - 225 * s, cx + 31 * s, cy - 182 * s), fill=dark)
        draw.rectangle((cx - 70 * s, cy + 10 * s, cx + 70 * s, cy + 120 * s), fill=(250, 246, 236))
        draw.rectangle((cx - 70 * s, cy + 10 * s, cx + 70 * s, cy + 30 * s), fill=accent)
        draw.line([(cx - 45 * s, cy - 40 * s), (cx - 45 * s, cy - 5 * s)], fill=light, width=_w(8, s))
    elif shape == "vial":
        draw.rounded_rectangle((cx - 55 * s, cy - 20 * s, cx + 55 * s, cy + 195 * s), radius=int(14 * s), fill=colour)
        draw.rectangle((cx - 22 * s, cy - 70 * s, cx + 22 * s, cy - 15 * s), fill=dark)
        draw.ellipse((cx - 28 * s, cy - 150 * s, cx + 28 * s, cy - 62 * s), fill=(40, 40, 40))
        draw.rectangle((cx - 55 * s, cy + 50 * s, cx + 55 * s, cy + 140 * s), fill=(250, 246, 236))
        _leaf(draw, cx + 60 * s, cy + 180 * s, 140 * s, 50 * s, -0.6, accent)
    elif shape == "jar":
        draw.rounded_rectangle((cx - 110 * s, cy - 75 * s, cx + 110 * s, cy + 195 * s), radius=int(45 * s), fill=colour)
        draw.rounded_rectangle((cx - 95 * s, cy - 130 * s, cx + 95 * s, cy - 70 * s), radius=int(10 * s), fill=dark)
        draw.rectangle((cx - 110 * s, cy + 10 * s, cx + 110 * s, cy + 110 * s), fill=(250, 246, 236))
        draw.ellipse((cx - 25 * s, cy + 35 * s, cx + 25 * s, cy + 85 * s), fill=accent)
        draw.line([(cx - 80 * s, cy - 50 * s), (cx - 80 * s, cy)], fill=light, width=_w(10, s))
    elif shape == "bag":
        draw.polygon([(cx - 120 * s, cy - 130 * s), (cx + 120 * s, cy - 130 * s), (cx + 135 * s, cy + 195 * s),
                      (cx - 135 * s, cy + 195 * s)], fill=colour)
        for i in range(12):
            x = cx - 120 * s + i * 20 * s
            draw.polygon([(x, cy - 130 * s), (x + 10 * s, cy - 150 * s), (x + 20 * s, cy - 130 * s)], fill=colour)
        draw.rectangle((cx - 120 * s, cy - 115 * s, cx + 120 * s, cy - 95 * s), fill=dark)
        draw.ellipse((cx - 70 * s, cy - 40 * s, cx + 70 * s, cy + 100 * s), fill=(250, 246, 236))
        for _ in range(14):
            bx, by = cx + rng.uniform(-40, 40) * s, cy + 30 * s + rng.uniform(-40, 40) * s
            draw.ellipse((bx - 9 * s, by - 6 * s, bx + 9 * s, by + 6 * s), fill=accent)
    elif shape == "box":
        draw.polygon([(cx - 150 * s, cy - 60 * s), (cx - 90 * s, cy - 120 * s), (cx + 170 * s, cy - 120 * s),
                      (cx + 110 * s, cy - 60 * s)], fill=light)
        draw.polygon([(cx + 110 * s, cy - 60 * s), (cx + 170 * s, cy - 120 * s), (cx + 170 * s, cy + 130 * s),
                      (cx + 110 * s, cy + 190 * s)], fill=dark)
        draw.rectangle((cx - 150 * s, cy - 60 * s, cx + 110 * s, cy + 190 * s), fill=colour)
        draw.rectangle((cx - 30 * s, cy - 60 * s, cx - 5 * s, cy + 190 * s), fill=accent)
        draw.polygon([(cx - 30 * s, cy - 60 * s), (cx + 30 * s, cy - 120 * s), (cx + 55 * s, cy - 120 * s),
                      (cx - 5 * s, cy - 60 * s)], fill=accent)
    elif shape == "fruit":
        for dx, dy, r in ((-80, 60, 95), (85, 70, 90), (0, -30, 105)):
            x, y, r = cx + dx * s, cy + dy * s, r * s
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
            draw.ellipse((x - r * 0.55, y - r * 0.6, x - r * 0.15, y - r * 0.2), fill=light)
        _leaf(draw, cx, cy - 125 * s, 120 * s, 50 * s, -0.5, accent)
        _leaf(draw, cx, cy - 125 * s, 100 * s, 40 * s, -2.5, _shade(accent, 0.8))
    elif shape == "fish":
        draw.ellipse((cx - 160 * s, cy - 70 * s, cx + 90 * s, cy + 70 * s), fill=colour)
        draw.polygon([(cx + 70 * s, cy), (cx + 170 * s, cy - 80 * s), (cx + 170 * s, cy + 80 * s)], fill=dark)
        draw.polygon([(cx - 40 * s, cy - 60 * s), (cx + 10 * s, cy - 120 * s), (cx + 30 * s, cy - 55 * s)], fill=dark)
        draw.ellipse((cx - 125 * s, cy - 25 * s, cx - 100 * s, cy), fill=(255, 255, 255))
        draw.ellipse((cx - 118 * s, cy - 18 * s, cx - 106 * s, cy - 6 * s), fill=(20, 20, 20))
        for i in range(3):
            y = cy + (110 + 25 * i) * s
            draw.arc((cx - 200 * s, y - 20 * s, cx + 200 * s, y + 20 * s), 0, 180, fill=accent, width=_w(4, s))
    elif shape == "leaf":
        for i, angle in enumerate((-2.2, -1.6, -1.0, -0.5)):
            _leaf(draw, cx - 10 * s, cy + 20 * s, (170 - i * 10) * s, 70 * s, angle, _shade(colour, 0.85 + i * 0.12))
        draw.chord((cx - 120 * s, cy + 40 * s, cx + 120 * s, cy + 200 * s), 0, 180, fill=accent)
        draw.rectangle((cx - 120 * s, cy + 110 * s, cx + 120 * s, cy + 122 * s), fill=_shade(accent, 0.7))
    elif shape == "vase":
        points = []
        for i in range(25):
            t = i / 24
            y = cy - 190 * s + t * 385 * s
            w = (45 + 95 * math.sin(math.pi * min(1.0, t * 1.15)) ** 1.5) * s
            points.append((cx + w, y))
        draw.polygon(points + [(2 * cx - x, y) for x, y in reversed(points)], fill=colour)
        for k in range(3):
            y = cy - 40 * s + k * 60 * s
            draw.arc((cx - 120 * s, y - 25 * s, cx + 120 * s, y + 25 * s), 0, 180, fill=accent, width=_w(6, s))
        _leaf(draw, cx, cy - 190 * s, 110 * s, 40 * s, -1.2, (70, 130, 60))
    elif shape == "basket":
        draw.arc((cx - 120 * s, cy - 190 * s, cx + 120 * s, cy + 40 * s), 180, 360, fill=dark, width=_w(14, s, 2))
        draw.polygon([(cx - 170 * s, cy - 70 * s), (cx + 170 * s, cy - 70 * s), (cx + 125 * s, cy + 195 * s),
                      (cx - 125 * s, cy + 195 * s)], fill=colour)
        for i in range(1, 8):
            y = cy - 70 * s + i * 33 * s
            draw.line([(cx - 170 * s + i * 6 * s, y), (cx + 170 * s - i * 6 * s, y)], fill=dark, width=_w(4, s))
        for i in range(-6, 7):
            draw.line([(cx + i * 26 * s, cy - 70 * s), (cx + i * 19 * s, cy + 195 * s)], fill=light, width=_w(3, s))
    elif shape == "frame":
        draw.rectangle((cx - 190 * s, cy - 160 * s, cx + 190 * s, cy + 190 * s), fill=dark)
        draw.rectangle((cx - 165 * s, cy - 135 * s, cx + 165 * s, cy + 165 * s), fill=(26, 22, 20))
        draw.ellipse((cx + 50 * s, cy - 110 * s, cx + 120 * s, cy - 40 * s), fill=(230, 180, 60))
        draw.polygon([(cx - 165 * s, cy + 120 * s), (cx - 60 * s, cy - 40 * s), (cx + 30 * s, cy + 60 * s),
                      (cx + 90 * s, cy + 10 * s), (cx + 165 * s, cy + 120 * s)], fill=colour)
        draw.rectangle((cx - 165 * s, cy + 120 * s, cx + 165 * s, cy + 165 * s), fill=accent)
    elif shape == "fabric":
        for band in range(6):
            base = cy - 170 * s + band * 65 * s
            points = [(cx - 260 * s + i * 13 * s, base + 22 * s * math.sin(i / 3.0 + band)) for i in range(41)]
            tone = colour if band % 2 == 0 else accent
            draw.line(points, fill=tone, width=_w(52, s, 2), joint="curve")
    elif shape == "flower":
        draw.line([(cx, cy + 20 * s), (cx - 10 * s, cy + 195 * s)], fill=(60, 120, 60), width=_w(10, s, 2))
        _leaf(draw, cx - 5 * s, cy + 120 * s, 110 * s, 45 * s, -0.4, (70, 140, 70))
        _leaf(draw, cx - 8 * s, cy + 150 * s, 100 * s, 40 * s, -2.8, (60, 125, 60))
        for k in range(8):
            a = k * math.pi / 4
            px, py = cx + math.cos(a) * 70 * s, cy - 60 * s + math.sin(a) * 70 * s
            draw.ellipse((px - 50 * s, py - 50 * s, px + 50 * s, py + 50 * s), fill=colour if k % 2 else light)
        draw.ellipse((cx - 38 * s, cy - 98 * s, cx + 38 * s, cy - 22 * s), fill=accent)
    elif shape == "tree":
        draw.polygon([(cx - 130 * s, cy + 110 * s), (cx + 130 * s, cy + 110 * s), (cx + 100 * s, cy + 195 * s),
                      (cx - 100 * s, cy + 195 * s)], fill=accent)
        draw.line([(cx, cy + 110 * s), (cx - 30 * s, cy + 20 * s), (cx + 20 * s, cy - 50 * s),
                   (cx - 10 * s, cy - 110 * s)],
                  fill=(110, 80, 50), width=_w(22, s, 3))
        for dx, dy, r in ((-110, -60, 65), (60, -110, 70), (-20, -170, 60), (110, -30, 55), (-60, -130, 50)):
            x, y, r = cx + dx * s, cy + dy * s, r * s
            draw.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=colour)
    elif shape == "landscape":
        draw.ellipse((cx + 90 * s, cy - 200 * s, cx + 190 * s, cy - 100 * s), fill=(250, 200, 80))
        draw.polygon([(cx - 300 * s, cy + 120 * s), (cx - 150 * s, cy - 120 * s), (cx - 30 * s, cy + 40 * s),
                      (cx + 60 * s, cy - 60 * s), (cx + 300 * s, cy + 120 * s)], fill=colour)
        draw.polygon([(cx - 300 * s, cy + 120 * s), (cx + 300 * s, cy + 120 * s), (cx + 300 * s, cy + 200 * s),
                      (cx - 300 * s, cy + 200 * s)], fill=accent)
        draw.polygon([(cx - 60 * s, cy + 150 * s), (cx + 40 * s, cy + 150 * s), (cx + 20 * s, cy + 170 * s),
                      (cx - 40 * s, cy + 170 * s)], fill=(90, 60, 40))
    else:  # house
        draw.polygon([(cx - 300 * s, cy + 60 * s), (cx - 170 * s, cy - 140 * s), (cx - 60 * s, cy + 60 * s)],
                     fill=_shade(accent, 0.9))
        draw.polygon([(cx + 60 * s, cy + 60 * s), (cx + 190 * s, cy - 160 * s), (cx + 300 * s, cy + 60 * s)],
                     fill=_shade(accent, 0.8))
        draw.polygon([(cx - 170 * s, cy - 20 * s), (cx, cy - 150 * s), (cx + 170 * s, cy - 20 * s)], fill=dark)
        draw.rectangle((cx - 130 * s, cy - 20 * s, cx + 130 * s, cy + 100 * s), fill=colour)
        for x in (-110, -40, 40, 110):
            draw.rectangle((cx + (x - 8) * s, cy + 100 * s, cx + (x + 8) * s, cy + 190 * s), fill=dark)
        draw.rectangle((cx - 25 * s, cy + 20 * s, cx + 25 * s, cy + 100 * s), fill=(60, 40, 30))
        draw.rectangle((cx - 100 * s, cy + 15 * s, cx - 55 * s, cy + 55 * s), fill=(250, 230, 160))
        draw.rectangle((cx + 55 * s, cy + 15 * s, cx + 100 * s, cy + 55 * s), fill=(250, 230, 160))


def _fit(text, font, width):
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "...") > width:
        text = text[:-1]
    return text.rstrip() + "..."


def render_product_photo(name, unit, group_slug, sub_slug, seed, index):
    """An 800x600 picture: the group's colours, a stylised object, the name in ASCII."""
    rng = random.Random(f"{seed}:{index}")
    _, _, colours = GROUP_PALETTES.get(group_slug, GROUP_PALETTES["thuc-pham"])
    image = _background(group_slug, index % 2 == 1).copy()
    draw = ImageDraw.Draw(image)
    colour = rng.choice(colours)
    folded = fold(name)
    for words, tone in OBJECT_COLOURS:  # a durian is olive, a strawberry red...
        if any(word in folded for word in words):
            colour = tone
            break
    shape = SHAPES.get(sub_slug, "box")
    if shape == "leaf":
        colour = rng.choice([(70, 130, 60), (96, 150, 70), (60, 110, 70)])
    accent = rng.choice([c for c in colours if c != colour])
    for _ in range(6):  # soft dots in the background
        r = rng.randint(20, 70)
        x, y = rng.randint(0, PHOTO_SIZE[0]), rng.randint(0, 460)
        tone = _shade(image.getpixel((min(x, 799), min(y, 599))), 1.06)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tone)
    if index == 0:
        _draw_shape(draw, shape, 400, 270, 1.0, colour, accent, rng)
    else:  # a second view: three smaller objects
        for cx, cy in ((210, 300), (590, 300), (400, 200)):
            _draw_shape(draw, shape, cx, cy, 0.55, rng.choice(colours), accent, rng)
    draw.rectangle((0, 520, PHOTO_SIZE[0], PHOTO_SIZE[1]), fill=(32, 32, 32))
    font = _font(30)
    caption = ascii_text(name) if index == 0 else "Quy cach: " + ascii_text(unit)
    draw.text((24, 540), _fit(caption, font, PHOTO_SIZE[0] - 140), fill=(255, 255, 255), font=font)
    draw.text((PHOTO_SIZE[0] - 96, 545), "OCOP", fill=(240, 200, 80), font=_font(24))
    return image


def render_logo(name, seed):
    rng = random.Random(seed)
    colour = rng.choice([c for palette in GROUP_PALETTES.values() for c in palette[2]])
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, LOGO_SIZE - 6, LOGO_SIZE - 6), fill=colour)
    draw.ellipse((18, 18, LOGO_SIZE - 18, LOGO_SIZE - 18), outline=(255, 255, 255), width=3)
    initials = logo_initials(name)
    font = _font(72 if len(initials) <= 2 else 56)
    draw.text((LOGO_SIZE / 2, LOGO_SIZE / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    return image


def logo_initials(name):
    """Two or three ASCII letters from the distinctive part of a producer's name."""
    if "–" in name:
        name = name.split("–", 1)[1]
    for prefix in ("HTX", "Tổ hợp tác", "Công ty TNHH", "Hộ kinh doanh"):
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1:]
    words = [w for w in ascii_text(name).split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:3]) or "OC"


def _encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def save_photo(listing, index, store, rel_path, rel_thumb):
    image = render_product_photo(listing.name, listing.unit, listing.group_slug, listing.sub_slug,
                                 listing.slug, index)
    store.save(rel_path, _encoded(image, "JPEG", quality=JPEG_QUALITY), "image/jpeg")
    store.save(rel_thumb, _encoded(image.reduce(2), "JPEG", quality=JPEG_QUALITY), "image/jpeg")


def save_logo(name, slug, store, rel_path):
    store.save(rel_path, _encoded(render_logo(name, slug), "PNG"), "image/png")
