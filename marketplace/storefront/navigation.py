"""The groups and regions every page's menu shows, read lazily once per page render."""
from functools import cached_property

from sqlalchemy.exc import SQLAlchemyError

from marketplace.catalog.models import Category, Producer, Region
from marketplace.core import pagecache
from marketplace.extensions import db


def _safely(query, empty):
    """Menus must not turn an error page into a second error when the database is down."""
    try:
        return query()
    except SQLAlchemyError:
        db.session.rollback()
        return empty


class Navigation:
    @cached_property
    def groups(self):
        return _safely(lambda: db.session.execute(
            db.select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)).scalars().all(), [])

    @cached_property
    def regions(self):
        return _safely(lambda: db.session.execute(db.select(Region).order_by(Region.position)).scalars().all(), [])

    @cached_property
    def has_demo_data(self):
        """Pages say so when the catalogue holds the demo data set."""
        with pagecache.declared("producers@is_demo"):  # catalog.caching names it when that may change
            return _safely(lambda: db.session.execute(
                db.select(Producer.id).where(Producer.is_demo.is_(True)).limit(1)).first() is not None, False)


def navigation():
    return Navigation()
