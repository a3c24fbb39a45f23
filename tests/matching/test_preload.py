"""gunicorn's master loads matching's in-memory tables before it forks the web workers
(deploy/gunicorn.conf.py, `when_ready`), so a new worker starts with them instead of reading
every open post on its first match; what it ranks with them, posts changed after the master
loaded included, is what a process that loads its own tables ranks."""
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from marketplace.matching import matcher
from marketplace.matching.services.posts import transition_offer
from marketplace.matching.tables import get_tables, reset_tables
from tests.matching.conftest import TODAY

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def _ranking(demand):
    return [(m.offer_id, m.score) for m in matcher.rank_offers_for_demand(demand.id, TODAY).matches]


def test_the_master_loads_the_tables_and_a_worker_ranks_as_with_its_own(app, pair, make_seller, make_offer,
                                                                       drain):
    reset_tables(app)  # a master that has just imported the application
    hooks = runpy.run_path(str(CONF))
    hooks["when_ready"](SimpleNamespace(app=SimpleNamespace(callable=app), log=logging.getLogger("gunicorn.test")))
    preloaded = app.extensions["matching_tables"]
    assert pair["offer"].id in preloaded.offers.row_of and pair["demand"].id in preloaded.demands.row_of

    # after the master loaded: a new offer, and the first one closed
    producer, user = make_seller(name="HTX Bưởi Mới")
    newcomer = make_offer(producer, user)
    transition_offer(pair["producer_user"], pair["offer"], "closed", today=TODAY)
    drain()
    ranked = _ranking(pair["demand"])
    assert get_tables(app) is preloaded  # the master's tables, caught up on the rows stamped since
    assert [offer_id for offer_id, _ in ranked] == [newcomer.id]

    reset_tables(app)
    assert _ranking(pair["demand"]) == ranked  # a process that loads its own ranks the same
