"""Printable labels: SVG that parses, PNG whose QR decodes (zxing-cpp) to the verify page, PDF with
the Vietnamese font embedded; they still come out without the font; only the producer's team
gets them, and only for a valid certificate."""
import io
import json
import os
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from marketplace.catalog.models import CertificationStatus
from marketplace.catalog.services import transition_certification
from marketplace.registry import labels
from marketplace.registry.codes import code_for
from tests.registry.fixtures import sign_in

SVG = "{http://www.w3.org/2000/svg}"


def label_url(shop, fmt):
    return f"/studio/certifications/{shop.certification.id}/label.{fmt}"


def decoded_qr(png_bytes):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png_bytes)).convert("L"))
    return [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_svg_label_parses_and_says_what_the_certificate_says(db, client, shops):
    shop = shops["lam-dong"]
    shop.product.name = 'Cà phê <Arabica> & "Cầu Đất"'
    db.session.commit()
    response = sign_in(client, shop.owner).get(label_url(shop, "svg"))
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "attachment" in response.headers["Content-Disposition"]
    root = ET.fromstring(response.get_data())
    text = " ".join(t.text for t in root.iter(f"{SVG}text"))
    assert "Cà phê <Arabica> & \"Cầu Đất\"" in text and "101/QĐ-UBND" in text
    assert shop.certification.expires_on.strftime("%d/%m/%Y") in text
    stars = list(root.iter(f"{SVG}polygon"))
    assert len(stars) == 5 and all(star.get("fill") != "#fff" for star in stars)  # five of five filled


def test_png_label_decodes_and_its_qr_leads_to_the_valid_page(client, shops):
    shop = shops["lam-dong"]
    response = sign_in(client, shop.owner).get(label_url(shop, "png"))
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.get_data()))
    image.load()
    assert image.size == (int(labels.WIDTH * labels.PNG_SCALE), int(labels.HEIGHT * labels.PNG_SCALE))
    [url] = decoded_qr(response.get_data())
    assert urlsplit(url).path == f"/ocop/verify/{code_for(shop.certification)}"
    assert "Còn hiệu lực" in client.get(urlsplit(url).path).get_data(as_text=True)


def test_pdf_label_embeds_the_vietnamese_font(client, shops):
    shop = shops["lam-dong"]
    response = sign_in(client, shop.owner).get(label_url(shop, "pdf"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    body = response.get_data()
    assert body.startswith(b"%PDF") and b"NotoSans" in body and b"/FontFile2" in body


def test_labels_come_out_without_the_font(app, client, shops, tmp_path):
    app.config["LABEL_FONT_DIR"] = str(tmp_path / "no-fonts")
    shop = shops["lam-dong"]
    sign_in(client, shop.owner)
    png = client.get(label_url(shop, "png"))
    assert png.status_code == 200 and decoded_qr(png.get_data())
    pdf = client.get(label_url(shop, "pdf"))
    assert pdf.status_code == 200 and pdf.get_data().startswith(b"%PDF") and b"NotoSans" not in pdf.get_data()
    assert labels.ascii_text("Đặc sản Cầu Đất") == "Dac san Cau Dat"


def test_the_shipped_font_has_vietnamese_glyphs(app):
    from fontTools.ttLib import TTFont
    for bold in (False, True):
        cmap = TTFont(labels.font_path(bold)).getBestCmap()
        assert all(ord(ch) in cmap for ch in "ẠạẮắẦầỆệỘộỰựỳỹĐđƠơƯư₫")
    assert os.path.exists(os.path.join(app.static_folder, "fonts", "OFL.txt"))


def test_only_the_team_gets_labels_of_valid_certificates(db, client, shops, make_user):
    shop, other = shops["lam-dong"], shops["ha-noi"]
    assert client.get(label_url(shop, "pdf")).status_code == 302  # sign in first
    sign_in(client, make_user(role="consumer"))
    assert client.get(label_url(shop, "pdf")).status_code == 403
    sign_in(client, other.owner)
    for fmt in ("svg", "png", "pdf"):
        assert client.get(label_url(shop, fmt)).status_code == 404  # another producer's certificate
    sign_in(client, shop.owner)
    assert client.get(label_url(shop, "exe")).status_code == 404
    assert client.get("/studio/certifications/999999/label.pdf").status_code == 404
    transition_certification(shop.certification, CertificationStatus.REVOKED, reason="Thu hồi")
    assert client.get(label_url(shop, "png")).status_code == 404
    page = client.get(f"/studio/certifications/{shop.certification.id}").get_data(as_text=True)
    assert "label.pdf" not in page and "/ocop/verify/" in page


def test_studio_offers_the_labels(client, shops):
    shop = shops["lam-dong"]
    sign_in(client, shop.owner)
    page = client.get(f"/studio/certifications/{shop.certification.id}").get_data(as_text=True)
    assert label_url(shop, "pdf") in page and label_url(shop, "png") in page and label_url(shop, "svg") in page
    assert label_url(shop, "pdf") in client.get("/studio/certifications").get_data(as_text=True)


def test_api_answers_match_the_published_schema(app, client, shops):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = os.path.join(app.root_path, "registry", "schema.json")
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    shop = shops["lam-dong"]
    response = client.get(f"/api/v1/ocop/verify/{code_for(shop.certification)}")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    jsonschema.validate(response.get_json(), schema, format_checker=jsonschema.FormatChecker())
    listing = client.get("/api/v1/ocop/verify?number=101").get_json()
    for item in listing["items"]:
        jsonschema.validate(item, schema)
    bad = client.get("/api/v1/ocop/verify")
    assert bad.status_code == 400 and "number" in bad.get_json()["error"]["fields"]
    missing = client.get("/api/v1/ocop/verify/nope")
    assert missing.status_code == 404 and missing.get_json()["error"]["status"] == 404
