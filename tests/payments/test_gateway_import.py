"""A web worker does not carry Stripe's library until a payment needs it (issue 15: some
32 MB per worker, in every worker, at start-up)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from marketplace import create_app
app = create_app("testing", overrides={{"SQLALCHEMY_DATABASE_URI": "sqlite:///{db}", "MEDIA_ROOT": "{media}",
                                       "PRIVATE_MEDIA_ROOT": "{private}", "MAIL_DIR": "{mail}"}})
with app.test_client() as client:
    client.get("/healthz")
print("before", "stripe" in sys.modules)
from marketplace.payments import gateway
try:
    gateway.verify_event(b"{{}}", "t=1,v1=00", "whsec_x")
except gateway.InvalidSignature:
    pass
print("after", "stripe" in sys.modules)
"""


def test_stripe_is_imported_on_first_use_only(tmp_path):
    script = SCRIPT.format(db=tmp_path / "app.sqlite3", media=tmp_path / "media", private=tmp_path / "private",
                           mail=tmp_path / "mail")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-3:-1] == ["before False", "after True"], done.stdout
