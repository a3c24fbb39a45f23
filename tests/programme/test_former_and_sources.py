"""Issue 13's programme items: a former province leads to today's unit (pages and open data),
and plans show their source as people cite it, never the maintainers' `seed` key."""
import json
from pathlib import Path

from marketplace.extensions import db as _db
from marketplace.programme.loader import load_plans
from marketplace.programme.models import ProgrammePlan
from tests.conftest import SHARED_DATA_DIR


def _main(response):
    html = response.get_data(as_text=True)
    return html[html.index("<main"):html.index("</main>")]


def test_a_former_province_leads_to_todays_unit(client, db, catalogue):
    moved = client.get("/programme/provinces/soc-trang")
    assert moved.status_code == 301
    assert moved.headers["Location"] == "/programme/provinces/can-tho?former=soc-trang"
    page = _main(client.get(moved.headers["Location"]))
    assert "Sóc Trăng" in page and "Cần Thơ" in page
    assert client.get("/programme/provinces/khong-co-tinh-nay").status_code == 404

    former = json.loads(client.get("/api/v1/stats/products?province=soc-trang").get_data(as_text=True))
    today = json.loads(client.get("/api/v1/stats/products?province=can-tho").get_data(as_text=True))
    assert former["items"] == today["items"] and today["items"]  # Cần Thơ's figures, not an empty answer
    note = former["province_note"]
    assert note["former_province"] == "Sóc Trăng" and note["province_slug"] == "can-tho"
    unknown = client.get("/api/v1/stats/products?province=khong-co-tinh-nay")
    assert unknown.status_code == 400 and "soc-trang" in unknown.get_data(as_text=True)


def test_plans_show_issuer_document_and_headline_never_the_seed(client, db):
    load_plans()
    sources = json.loads((Path(SHARED_DATA_DIR) / "program_targets.json").read_text(encoding="utf-8"))
    source = next(p for p in sources["plans"] if p.get("issuer") and p.get("article_title"))
    plan = _db.session.execute(_db.select(ProgrammePlan).where(ProgrammePlan.document == source["document"])
                               ).scalars().first()
    page = client.get(f"/programme/plans/{plan.slug}").get_data(as_text=True)
    for text in (source["issuer"], source["document"], source["article_title"]):
        assert text in page, text
    overview = client.get("/programme/").get_data(as_text=True)
    for item in sources["plans"]:
        assert item["seed"] not in page and item["seed"] not in overview
        assert item["seed"].split("_")[-1].split(".")[0] not in overview
