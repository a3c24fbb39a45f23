"""The data of a load run (bench/load_bench.py): the synthetic catalogue in the database the
environment names, the buyers who sign in, and the list of what the simulated visitors ask
for (bench/locustfile.py reads it).

    DATABASE_URL=… SEARCH_INDEX_DIR=… .venv/bin/python -m bench.load_data --products 10000 \
        --buyers 200 --out plan.json

Run in a child process of load_bench with the production environment already set (config.py
reads it at import). The catalogue comes from `catalog.synthetic` (the search benchmark's
generator); the buyers are confirmed consumer accounts, all with one password hashed once by
the production method (scrypt), so every sign-in during the run costs what a real one does.
The visitors' words are short generic ones (what people type) and words from the catalogue's
own names; their filters are the catalogue's provinces and categories.
"""
import argparse
import json
import random
import sys
import time

PASSWORD = "mat-khau-tai-thu-15"
GENERIC_WORDS = ["mật ong", "tra", "gạo", "nước mắm", "cà phê", "bánh", "mắm", "khô", "miến", "tiêu",
                 "rượu", "nấm", "trà xanh", "bưởi", "hạt điều", "xoài", "nem", "cha lua", "muoi", "dau"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--buyers", type=int, default=200)
    parser.add_argument("--out", required=True, help="the plan (JSON) the locustfile reads")
    parser.add_argument("--catalogue-only", action="store_true", help="catalogue, buyers and index; no plan")
    parser.add_argument("--plan-only", action="store_true", help="the plan from what the database holds")
    return parser.parse_args(argv)


def build(args):
    """Catalogue, buyers, search index and planner statistics; returns seconds per step."""
    from flask_migrate import upgrade

    from marketplace.accounts.models import Role, User, hash_password
    from marketplace.catalog.models import Product
    from marketplace.catalog.reference import load_reference_data
    from marketplace.catalog.synthetic import generate_catalogue
    from marketplace.core.maintenance import analyze
    from marketplace.core.timeutil import utcnow, vn_today
    from marketplace.extensions import db
    from marketplace.search import get_engine
    from marketplace.search.indexing import reindex_all

    took = {}
    started = time.perf_counter()
    upgrade()
    load_reference_data()
    have = db.session.execute(db.select(db.func.count(Product.id))).scalar_one()
    if have < args.products:
        generate_catalogue(args.products - have, seed=args.seed, today=vn_today(), progress=True)
    took["catalogue_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    digest = hash_password(PASSWORD)
    now = utcnow()
    db.session.execute(db.insert(User), [
        {"email": f"nguoi-mua-{n}@example.vn", "password_hash": digest, "full_name": f"Người mua thử {n}",
         "phone": f"09{n:08d}", "role": Role.CONSUMER, "is_active_account": True, "created_at": now,
         "email_confirmed_at": now} for n in range(args.buyers)])
    db.session.commit()
    took["buyers_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    reindex_all(get_engine(), vn_today())
    get_engine().close()
    took["index_s"] = round(time.perf_counter() - started, 1)
    took["analyze_s"] = round(analyze(), 1)
    return took


def plan(args):
    """What the visitors ask for: product slugs to look at, products in stock to buy, buyers,
    provinces, categories and words."""
    from marketplace.accounts.models import Role, User
    from marketplace.catalog.models import Category, Producer, Product, ProductStatus, Province
    from marketplace.extensions import db

    rng = random.Random(args.seed)
    public = (db.select(Product.id, Product.slug, Product.name, Product.stock).join(Product.producer)
              .where(Product.status == ProductStatus.ACTIVE, Producer.verified.is_(True)))
    rows = db.session.execute(public.order_by(Product.id)).all()
    if not rows:
        raise SystemExit("no public product in the catalogue")
    shown = rng.sample(rows, min(3000, len(rows)))
    # Goods with plenty of stock, so that a run's orders never sell one out (a sold-out product
    # has no cart form; its page would be a different page, not an error).
    stocked = [r for r in rows if r.stock >= 200]
    buyable = [r for r in rng.sample(stocked, min(1500, len(stocked))) if not _is_service(r.id)][:1000]
    words = list(GENERIC_WORDS)
    for row in rng.sample(rows, min(40, len(rows))):
        words.append(" ".join(row.name.split()[:2]))
    buyers = db.session.execute(db.select(User.email).where(User.role == Role.CONSUMER,
                                                            User.email.like("nguoi-mua-%@example.vn"))
                                .order_by(User.id)).scalars().all()
    return {"password": PASSWORD, "buyers": buyers,
            "products": [r.slug for r in shown],
            "buy": [{"id": r.id, "slug": r.slug} for r in buyable],
            "provinces": db.session.execute(db.select(Province.slug).order_by(Province.id)).scalars().all(),
            "categories": db.session.execute(db.select(Category.slug).where(Category.parent_id.is_(None))
                                             .order_by(Category.id)).scalars().all(),
            "words": words, "public": len(rows),
            "products_total": db.session.execute(db.select(db.func.count(Product.id))).scalar_one()}


def _is_service(product_id):
    from marketplace.catalog.models import Product
    from marketplace.extensions import db
    from marketplace.orders.kinds import is_service
    return is_service(db.session.get(Product, product_id))


def main(argv=None):
    args = parse_args(argv)
    from marketplace import create_app
    app = create_app("production")
    out = {}
    with app.app_context():
        if not args.plan_only:
            out["took"] = build(args)
        if not args.catalogue_only:
            out.update(plan(args))
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False)
    print(json.dumps(out.get("took", {})), file=sys.stderr)


if __name__ == "__main__":
    main()
