"""Which changes move the programme's stored figures, noticed in one place.

As search does (search.events), a session listener looks at every flushed row of the
models the figures read (WATCHED): a row added or deleted, or one of the columns the
figures read changed. It names the provinces concerned and the kind of change
(programme.measures.KINDS) and writes one `programme.figures_changed` outbox message in
the same transaction; the handler (`handle`, run by `flask worker`, and in development
right after the request) recomputes just those cells of those provinces
(programme.figures.apply_changes). A change that did not commit sends nothing; a change
that did is never lost.

tests/programme/test_figures.py checks that every column the figures read is watched
here, so a new metric cannot read something whose changes go unnoticed.
"""
from collections import defaultdict

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from marketplace.core.outbox import enqueue
from marketplace.programme.measures import (CATALOGUE, CYCLE, EVENTS, KINDS, ORDERS, PLANS, SHOWROOMS, TRAINING)

TOPIC = "programme.figures_changed"
EVERYWHERE = "*"
_TRACKED = "programme_figure_changes"


def watched():
    """{model: (columns whose update moves figures, kinds, how to find the provinces)}; adding or
    deleting a row always counts. `how`: (reference kind, attribute naming the record)."""
    from marketplace.catalog.models import Category, Certification, FormerProvince, Producer, Product, Province
    from marketplace.cycle.models import Dossier, EvaluationRound, RoundEntry
    from marketplace.events.models import BoothApplication, Event, Showroom, VisitorRegistration
    from marketplace.orders.models import Order, Shipment
    from marketplace.programme.models import ProgrammePlan, ProgrammeTarget
    from marketplace.training.models import ProgrammeOfficial
    return {
        Certification: ({"product_id", "status", "stars", "decided_on", "expires_on"}, {CATALOGUE},
                        ("product", "product_id")),
        Product: ({"producer_id", "category_id"}, {CATALOGUE}, ("producer", "producer_id")),
        Producer: ({"province_id", "former_province_id", "verified", "kind"}, KINDS, ("province", "province_id")),
        Province: (None, KINDS, (EVERYWHERE, None)),
        FormerProvince: (None, KINDS, (EVERYWHERE, None)),
        Category: ({"parent_id"}, {CATALOGUE}, (EVERYWHERE, None)),
        Event: ({"status", "kind", "starts_at", "province_id"}, {EVENTS}, ("event", "id")),
        BoothApplication: ({"status", "producer_id", "event_id"}, {EVENTS}, ("producer", "producer_id")),
        Showroom: ({"province_id", "is_active"}, {SHOWROOMS}, ("province", "province_id")),
        Order: ({"placed_at"}, {ORDERS}, ("order", "id")),
        Shipment: ({"order_id", "producer_id", "status", "subtotal", "delivered_at"}, {ORDERS},
                   ("producer", "producer_id")),
        ProgrammeOfficial: ({"province_id", "former_province_id", "removed_at", "email"}, {TRAINING},
                            ("province", "province_id")),
        VisitorRegistration: ({"event_id", "email", "status"}, {TRAINING}, ("registration", "event_id")),
        ProgrammePlan: (None, {PLANS}, ("province", "province_id")),
        ProgrammeTarget: (None, {PLANS}, ("plan", "plan_id")),
        Dossier: ({"producer_id", "product_id", "completed_at"}, {CYCLE}, ("producer", "producer_id")),
        RoundEntry: ({"round_id", "dossier_id", "proposed_at"}, {CYCLE}, ("dossier", "dossier_id")),
        EvaluationRound: ({"status", "closed_at"}, {CYCLE}, ("round", "id")),
    }


def _values(obj, attribute):
    """The attribute's value now and before this flush (a row moved to another province counts in both)."""
    state = inspect(obj)
    history = state.attrs[attribute].history
    found = set(history.added or ()) | set(history.unchanged or ()) | set(history.deleted or ())
    if not found:
        found = {getattr(obj, attribute, None)}
    return {value for value in found if value is not None}


def _references(session, models):
    """[(reference kind, record id, kinds)] for the rows of this flush that move figures."""
    out = []
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        spec = models.get(type(obj))
        if spec is None:
            continue
        columns, kinds, (kind, attribute) = spec
        if obj in session.dirty and obj not in session.new:
            state = inspect(obj)  # columns only: a collection appended to (a backref) changes no figure
            changed = {c.key for c in state.mapper.column_attrs if state.attrs[c.key].history.has_changes()}
            if not changed or (columns is not None and not changed & columns):
                continue
        if kind == EVERYWHERE:
            out.append((EVERYWHERE, None, kinds))
            continue
        for value in _values(obj, attribute):
            out.append((kind, value, kinds))
        if kind == "event" and _is_training(obj):  # its check-ins count for the rosters of every province
            out.append((EVERYWHERE, None, {TRAINING}))
    return out


def _is_training(event_obj):
    from marketplace.events.models import EventKind
    return EventKind.TRAINING in {EventKind(v) for v in _values(event_obj, "kind")}


def _provinces(connection, references):
    """{province id or EVERYWHERE: kinds} from the references (a few indexed queries per flush)."""
    from marketplace.catalog.models import Producer, Product
    from marketplace.cycle.models import Dossier, RoundEntry
    from marketplace.events.models import ApplicationStatus, BoothApplication, Event, EventKind
    from marketplace.orders.models import Shipment
    from marketplace.programme.models import ProgrammePlan
    by_kind = defaultdict(lambda: defaultdict(set))  # reference kind -> id -> kinds
    for kind, record_id, kinds in references:
        by_kind[kind][record_id] |= set(kinds)
    out = defaultdict(set)

    def spread(query, wanted):
        for record_id, province_id in connection.execute(query):
            out[province_id] |= wanted[record_id]

    def producers_of(query, wanted):
        """`query` gives (record id, producer id): add the producers' provinces."""
        for record_id, producer_id in connection.execute(query):
            by_kind["producer"][producer_id] |= wanted[record_id]

    for province_id, kinds in by_kind.pop("province", {}).items():
        out[province_id] |= kinds
    if EVERYWHERE in by_kind:
        out[EVERYWHERE] |= set().union(*by_kind.pop(EVERYWHERE).values())
    if wanted := by_kind.pop("product", None):
        producers_of(select(Product.id, Product.producer_id).where(Product.id.in_(wanted)), wanted)
    if wanted := by_kind.pop("plan", None):
        spread(select(ProgrammePlan.id, ProgrammePlan.province_id).where(ProgrammePlan.id.in_(wanted)), wanted)
    if wanted := by_kind.pop("order", None):
        producers_of(select(Shipment.order_id, Shipment.producer_id).where(Shipment.order_id.in_(wanted)), wanted)
    if wanted := by_kind.pop("round", None):
        producers_of(select(RoundEntry.round_id, Dossier.producer_id).join(Dossier, Dossier.id == RoundEntry.dossier_id)
                     .where(RoundEntry.round_id.in_(wanted)), wanted)
    if wanted := by_kind.pop("dossier", None):
        producers_of(select(Dossier.id, Dossier.producer_id).where(Dossier.id.in_(wanted)), wanted)
    if wanted := by_kind.pop("event", None):
        spread(select(Event.id, Event.province_id).where(Event.id.in_(wanted)), wanted)
        producers_of(select(BoothApplication.event_id, BoothApplication.producer_id).where(
            BoothApplication.event_id.in_(wanted), BoothApplication.status == ApplicationStatus.ACCEPTED), wanted)
    if wanted := by_kind.pop("registration", None):
        training = connection.execute(select(Event.id).where(Event.id.in_(wanted),
                                                             Event.kind == EventKind.TRAINING)).scalars().all()
        if training:
            out[EVERYWHERE] |= set().union(*(wanted[i] for i in training))
    if wanted := by_kind.pop("producer", None):
        spread(select(Producer.id, Producer.province_id).where(Producer.id.in_(wanted)), wanted)
    if by_kind:
        raise RuntimeError(f"programme.changes: no way to place {sorted(by_kind)}")
    return out


_watched = None


def _enabled():
    """`PROGRAMME_FIGURES_TRACKING = False` turns the listener off for one app (tests that count
    another topic's outbox messages); on by default."""
    from flask import current_app, has_app_context
    return not has_app_context() or current_app.config.get("PROGRAMME_FIGURES_TRACKING", True)


def _after_flush(session, flush_context):
    global _watched
    if not _enabled():
        return
    if _watched is None:
        _watched = watched()
    references = _references(session, _watched)
    if references:
        session.info.setdefault(_TRACKED, []).extend(references)


def _after_flush_postexec(session, flush_context):
    references = session.info.pop(_TRACKED, None)
    if not references:
        return
    found = _provinces(session.connection(), references)
    everywhere = sorted(found.pop(EVERYWHERE, set()))
    provinces = {str(pid): sorted(kinds) for pid, kinds in sorted(found.items()) if pid is not None and kinds}
    if provinces or everywhere:
        enqueue(TOPIC, {"provinces": provinces, "everywhere": everywhere})


def handle(payloads):
    """Outbox handler: merge the batch's changes and recompute what they move."""
    from marketplace.core.timeutil import utcnow, vn_today
    from marketplace.extensions import db
    from marketplace.programme.figures import TABLE, apply_changes
    changes = defaultdict(set)
    everywhere = set()
    for payload in payloads:
        for province_id, kinds in (payload.get("provinces") or {}).items():
            changes[int(province_id)] |= set(kinds)
        everywhere |= set(payload.get("everywhere") or ())
    if everywhere:
        for province_id in db.session.execute(select(TABLE.c.province_id).distinct()).scalars():
            changes[province_id] |= everywhere
    apply_changes(changes, vn_today(), utcnow())


def _keep_old_value(target, value, oldvalue, initiator):
    return value


def track_changes():
    """Install the listeners once per process (idempotent). The attributes that place a row
    (a producer's province, a certificate's product...) keep their value before a change even
    when the row was expired by a commit (`active_history`): a row that moves names both places."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)
        for model, (_columns, _kinds, (kind, attribute)) in watched().items():
            if kind != EVERYWHERE and attribute != "id":
                event.listen(getattr(model, attribute), "set", _keep_old_value, active_history=True, retval=True)
