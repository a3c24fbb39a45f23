"""Where an officer may act: their own province, or everywhere when national.

An officer account belongs to one of the 34 provinces (`users.province_id`) or is
national (NULL); an admin is always national. A provincial officer sees and decides
only its province's records: producers, their products and certificates, plans, the
post-inspection list, and the OCOP cycle's ideas, plans, dossiers and rounds.

The rule works on province ids so that every domain can use it without this module
knowing their models: a list narrows itself with `province_scope(user)`, a record is
checked with `covers(user, province_id)`.
"""
from marketplace.accounts.models import Role

EVERYWHERE = None


def is_officer(user):
    """An active, signed-in officer or admin."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and user.has_role(Role.OFFICER))


def province_scope(user):
    """The province id a list of this officer's work is limited to, or EVERYWHERE (None).

    Only meaningful for officers (callers check `is_officer` first); an admin, or an
    officer without a province, is national.
    """
    if user is None or user.role == Role.ADMIN:
        return EVERYWHERE
    return user.province_id


def covers(user, province_id):
    """True when `user` is an officer who may act on a record of `province_id`."""
    if not is_officer(user):
        return False
    scope = province_scope(user)
    return scope is EVERYWHERE or scope == province_id


def narrow(query, user, province_column):
    """`query` limited to the officer's province (unchanged for national officers)."""
    scope = province_scope(user)
    return query if scope is EVERYWHERE else query.where(province_column == scope)


class NotCovered(LookupError):
    """The province asked for does not exist or lies outside the officer's scope (the page answers 404)."""


def chosen_province(user, key, find):
    """The province an officer's list shows: the one asked for by `key` (looked up with `find`),
    or, when none is asked, the officer's own (None for a national officer, who then chooses)."""
    if not key:
        scope = province_scope(user)
        return None if scope is EVERYWHERE else user.province
    province = find(key)
    if province is None or not covers(user, province.id):
        raise NotCovered(key)
    return province
