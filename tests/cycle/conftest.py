"""Fixtures of the OCOP cycle's tests: two provinces with their officers and producers,
the default checklists, a scoring sheet per group, and a builder that walks a product
through the cycle with the real services (no shortcut into the tables)."""
import json
from pathlib import Path

import pytest

from marketplace.accounts.services import assign_province
from marketplace.catalog.models import ProducerMember
from marketplace.catalog.services import create_producer, create_product, find_category, find_province
from marketplace.core.timeutil import vn_today
from marketplace.cycle.demo import points_for
from marketplace.cycle.services import dossiers, ideas, requirements, rounds, sheets
from marketplace.extensions import db
from tests.studio.fixtures import PDF_BYTES, sign_in  # noqa: F401  (re-exported for the tests)

SHEET = json.loads((Path(__file__).resolve().parents[2] / "marketplace" / "cycle" / "data" / "demo_sheet.json")
                   .read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def private_folders(app, tmp_path):
    """Documents and mail of a test stay in its own temporary folder."""
    app.config["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    app.config["MAIL_DIR"] = str(tmp_path / "mail")


def parts(a, b, c):
    return {"A": a, "B": b, "C": c}


class World:
    """Lâm Đồng and Hà Nội, each with an officer and a producer (owner account, one listing)."""

    def __init__(self, make_user):
        self.make_user = make_user
        self.today = vn_today()
        self.lam_dong, self.ha_noi = find_province("lam-dong"), find_province("ha-noi")
        self.national = make_user(role="officer", email="trung-uong@example.vn", full_name="Cán bộ Trung ương")
        self.officer = assign_province(make_user(role="officer", email="canbo-ld@example.vn",
                                                 full_name="Cán bộ Lâm Đồng"), self.lam_dong)
        self.other_officer = assign_province(make_user(role="officer", email="canbo-hn@example.vn",
                                                       full_name="Cán bộ Hà Nội"), self.ha_noi)
        self.owner, self.producer, self.product = self.shop("HTX Cà phê Cầu Đất", "lam-dong", "Cà phê Cầu Đất")
        self.other_owner, self.other_producer, self.other_product = self.shop("HTX Gốm Bát Tràng", "ha-noi",
                                                                              "Gốm men lam")
        requirements.load_defaults()
        specs, _name = sheets.parse(json.dumps(SHEET))
        for group in sheets.group_codes():
            sheets.import_sheet(self.national, group_code=group, name=f"Phiếu nhóm {group}",
                                specs=specs)

    def shop(self, name, province, product_name, category="ca-phe-ca-cao"):
        owner = self.make_user(role="producer", full_name=f"Chủ {name}")
        producer = create_producer(name=name, kind="cooperative", province=find_province(province),
                                   address="Xã Thử", tax_code="5800123456", verified=True, owner=owner)
        product = create_product(producer=producer, category=find_category(category), name=product_name,
                                 price=150_000, unit="gói 500 g", stock=20, status="active")
        return owner, producer, product

    # --- walking the cycle through its services ---------------------------------------

    def idea(self, owner=None, producer=None, name="Cà phê chồn Cầu Đất"):
        owner, producer = owner or self.owner, producer if producer is not None else self.producer
        return ideas.register_idea(owner, producer=producer, category=find_category("ca-phe-ca-cao"),
                                   product_name=name, local_features="Trồng ở độ cao 1.600 m.",
                                   raw_materials="Cà phê Arabica của 30 hộ ở Cầu Đất.")

    def accepted_plan(self, owner=None, producer=None, officer=None):
        idea = self.idea(owner, producer)
        ideas.decide_idea(officer or self.officer, idea, "acknowledge")
        plan = ideas.submit_plan(owner or self.owner, idea, body="## Thị trường\nĐà Lạt.")
        ideas.decide_plan(officer or self.officer, plan, "accept")
        return plan

    def filled_dossier(self, product=None, owner=None, submit=True):
        product, owner = product or self.product, owner or self.owner
        dossier = dossiers.start_dossier(owner, product.producer, product=product)
        for item in dossier.items:
            dossiers.upload_item(owner, item, PDF_BYTES)
        if submit:
            dossiers.submit_dossier(owner, dossier)
        return dossier

    def complete_dossier(self, product=None, owner=None, officer=None):
        dossier = self.filled_dossier(product, owner)
        return dossiers.complete_dossier(officer or self.officer, dossier)

    def council(self, n=3):
        members = [self.make_user(full_name=f"Thành viên {i + 1}") for i in range(n)]
        return members

    def round(self, members, dossier_list, officer=None, province=None, start=True):
        officer = officer or self.officer
        round_ = rounds.open_round(officer, province=province or self.lam_dong, name="Đợt 1")
        for index, member in enumerate(members):
            rounds.add_member(officer, round_, email=member.email, role="chair" if index == 0 else "member")
        rounds.assign(officer, round_, dossier_list)
        if start:
            rounds.start_scoring(officer, round_)
        return round_

    def score(self, member, entry, a, b, c, note=""):
        return rounds.submit_score(member, entry, points=points_for(entry.sheet, parts(a, b, c)), note=note)


@pytest.fixture
def world(db, make_user):
    return World(make_user)


def add_member(user, producer, owner=False):
    db.session.add(ProducerMember(producer=producer, user=user, is_owner=owner))
    db.session.commit()


@pytest.fixture
def letters(mailbox):
    """The e-mail sent so far (through the real outbox) as (to, subject, body), oldest first."""
    import email
    from email import policy

    def read():
        out = []
        for text in mailbox():
            message = email.message_from_bytes(text.encode("utf-8"), policy=policy.default)
            out.append((message["To"], " ".join(str(message["Subject"]).split()), message.get_content()))
        return out
    return read
