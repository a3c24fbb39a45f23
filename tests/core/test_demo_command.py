"""`flask demo` (marketplace/demo.py) runs every domain's own demo loader in dependency order and
says what each added; a second run adds nothing; `--if-empty` leaves a site that already has
products alone, but still loads the plans (reference facts)."""
import re

from marketplace.events.models import Event
from marketplace.extensions import db
from marketplace.programme.models import ProgrammePlan

STEPS = ["Plans", "Demo catalogue", "Demo events", "Demo matching", "Demo post-inspection", "Demo training",
         "Demo OCOP cycle", "Demo plan in progress"]


def _count(model):
    return db.session.execute(db.select(db.func.count(model.id))).scalar_one()


def _added(line):
    """The numbers a summary line reports, e.g. "Demo events: events 4, showrooms 3" → [4, 3]."""
    return [int(n) for n in re.findall(r"\b(\d+)\b", line.split(":", 1)[1])]


def test_flask_demo_loads_each_domain_in_order_once(demo_app, tmp_path):
    demo_app.config["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    demo_app.config["MAIL_DIR"] = str(tmp_path / "mail")
    runner = demo_app.test_cli_runner()

    skipped = runner.invoke(args=["demo", "--if-empty"])  # the demo catalogue is there already
    assert skipped.exit_code == 0, skipped.output
    assert skipped.output.splitlines()[-1] == "Catalogue not empty; demo not loaded."
    assert _count(Event) == 0 and _count(ProgrammePlan) > 0

    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert [line.split(":")[0] for line in lines] == STEPS
    assert "added_products 0" in lines[1]  # the catalogue loader keys its rows by slug
    assert all(any(_added(line)) for line in lines[2:])  # every other domain added something
    client = demo_app.test_client()
    assert client.get("/events/demo-hoi-cho-ocop-ha-noi").status_code == 200

    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0, again.output
    assert [line.split(":")[0] for line in again.output.splitlines()] == STEPS
    assert not any(any(_added(line)) for line in again.output.splitlines()[2:])
