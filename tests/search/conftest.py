"""Search test helpers: the app's engine (in memory unless a test says otherwise),
a way to apply pending index updates (what `flask worker` does), and a small
catalogue of realistic products indexed by each engine (Meilisearch only when
MEILI_URL points at a live server)."""
import os
import shutil
import uuid
from datetime import timedelta

import pytest
from werkzeug.datastructures import MultiDict

from marketplace.core.outbox import drain
from marketplace.core.timeutil import vn_today
from marketplace.search import get_engine, make_engine

MEILI_URL = os.environ.get("MEILI_URL")
ENGINES = ["embedded", pytest.param("meilisearch", marks=pytest.mark.skipif(
    not MEILI_URL, reason="Meilisearch behaviour tests need a live server: set MEILI_URL (and MEILI_KEY); "
                          "none can be installed on these machines"))]


@pytest.fixture
def search_engine(app):
    return get_engine(app)


@pytest.fixture
def sync_index(app):
    """Call after creating records: drains the outbox into the index."""
    def run():
        report = drain(limit=10_000)
        assert not report.failed, report.errors
        return report
    return run


def _meili_engine():
    return make_engine({"SEARCH_ENGINE": "meilisearch", "MEILI_URL": MEILI_URL,
                        "MEILI_KEY": os.environ.get("MEILI_KEY"),
                        "MEILI_INDEX_PREFIX": f"test_{uuid.uuid4().hex[:8]}_", "MEILI_TIMEOUT": 10})


def _drop_meili_indexes(engine):
    for name in engine.specs:
        try:
            engine.client.delete_index(engine.uid(name))
        except Exception:
            pass


@pytest.fixture(params=ENGINES)
def any_engine(request, app):
    """The app's search engine, once embedded and once Meilisearch (when reachable)."""
    if request.param == "embedded":
        yield get_engine(app)
        return
    engine = app.extensions["search"] = _meili_engine()
    yield engine
    _drop_meili_indexes(engine)
    app.extensions["search"] = None


@pytest.fixture
def search():
    """search(q, **params) -> the ListingPage the catalogue page would show."""
    from marketplace.catalog.queries import parse_catalog_args
    from marketplace.search.service import search_products

    def run(q="", **params):
        args = MultiDict({"q": q, **{k: str(v) for k, v in params.items()}})
        filters = parse_catalog_args(args, 24, 96)
        assert not filters.errors, filters.errors
        return search_products(filters, vn_today())
    return run


def names(page):
    return [p.name for p in page.items]


def build_catalogue():
    """A dozen products chosen to exercise folding, typos, synonyms, ranking and facets
    (one transaction: the catalogue services with commit=False, like the demo loader)."""
    from marketplace.catalog.services import (add_certification, create_producer, create_product, find_category,
                                              find_former_province, find_province)
    from marketplace.extensions import db

    today = vn_today()  # a current certificate was decided 300 days ago; an expired one 40 months ago

    def product(name, province, category, price, stars=None, former=None, kind="cooperative", description="",
                expired=False, status="active"):
        maker = create_producer(name=f"Cơ sở {name}", kind=kind, province=find_province(province),
                                former_province=find_former_province(former) if former else None, verified=True,
                                commit=False)
        item = create_product(producer=maker, category=find_category(category), name=name, price=price,
                              unit="hộp", stock=5, description=description, status=status, commit=False)
        if stars:
            add_certification(product=item, stars=stars, points={3: 60, 4: 80, 5: 95}[stars],
                              number=f"{item.id}/QĐ-UBND", issuing_body="UBND tỉnh",
                              level="central" if stars == 5 else "provincial",
                              decided_on=today - timedelta(days=40 * 31 if expired else 300), status="verified",
                              commit=False)
        return item

    items = {
        "nuoc_mam_pq": product("Nước mắm Phú Quốc 40 độ đạm", "an-giang", "gia-vi-nuoc-cham", 150_000, 4,
                               former="kien-giang", kind="enterprise"),
        "nuoc_mam_nam_o": product("Nước mắm Nam Ô", "da-nang", "gia-vi-nuoc-cham", 90_000, 5, expired=True),
        "ca_phe_bmt": product("Cà phê Buôn Ma Thuột rang mộc", "dak-lak", "ca-phe-ca-cao", 120_000, 5,
                              kind="enterprise"),
        "ca_phe_gia_lai": product("Cà phê Robusta Gia Lai", "gia-lai", "ca-phe-ca-cao", 95_000, kind="household"),
        "mut_da_lat": product("Đặc sản Đà Lạt mứt dâu tây", "lam-dong", "banh-keo", 80_000, 3),
        "mat_ong_ha_giang": product("Mật ong bạc hà Hà Giang", "tuyen-quang", "mat-ong", 250_000, 5,
                                    former="ha-giang"),
        "vien_nghe": product("Viên nghệ tinh bột", "thai-nguyen", "thuc-pham-chuc-nang-tu-thao-duoc", 60_000, 3,
                             description="Tinh bột nghệ vo viên với mật ong rừng."),
        "che_ta_xua": product("Chè Shan tuyết Tà Xùa", "son-la", "che-tra", 300_000, 4),
        "tra_hoa_vang": product("Trà hoa vàng Ba Chẽ", "quang-ninh", "che-tra", 600_000),
        "sau_rieng": product("Sầu riêng Ri6 Tân Thới", "vinh-long", "nong-san-tuoi", 180_000, former="ben-tre",
                             kind="household"),
        "mat_ong_nhan": product("Mật ong hoa nhãn", "hung-yen", "mat-ong", 200_000, 3),
        "mat_ong_nhan_hn": product("Mật ong hoa nhãn Hưng Long", "ha-noi", "mat-ong", 210_000, 5),
        "nhan_long": product("Nhãn lồng Phố Hiến", "hung-yen", "nong-san-tuoi", 70_000),
        "nhang": product("Nhang trầm hương", "da-nang", "do-trang-tri", 50_000, 5),
        "khan_bong": product("Khăn bông dệt tay", "ha-noi", "vai-lua-may-mac", 40_000),
        "draft": product("Mật ong nháp chưa bán", "ha-noi", "mat-ong", 100_000, status="draft"),
    }
    db.session.commit()
    return items


class Shared:
    """A read-only app with the catalogue indexed, shared by the tests of a module."""

    def __init__(self, app, engine, ids):
        self.app, self.engine, self.ids = app, engine, ids
        self.client = app.test_client()


@pytest.fixture(scope="module", params=ENGINES)
def shared(request, sqlite_template, tmp_path_factory):
    """The catalogue of `build_catalogue`, indexed once per module and engine; tests must
    not change it (those that do use the per-test `app`)."""
    from tests.conftest import SHARED_DATA_DIR
    from marketplace import create_app
    from marketplace.extensions import db

    folder = tmp_path_factory.mktemp("search-shared")
    shutil.copyfile(sqlite_template, folder / "db.sqlite3")
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'db.sqlite3'}",
                                           "MEDIA_ROOT": str(folder / "media"), "SHARED_DATA_DIR": SHARED_DATA_DIR})
    with app.app_context():
        engine = app.extensions["search"] = _meili_engine() if request.param == "meilisearch" else None
        engine = get_engine(app)
        ids = {key: item.id for key, item in build_catalogue().items()}
        report = drain(limit=10_000)
        assert not report.failed, report.errors
        db.session.remove()
        yield Shared(app, engine, ids)
        if request.param == "meilisearch":
            _drop_meili_indexes(engine)
        db.session.remove()
        db.engine.dispose()
