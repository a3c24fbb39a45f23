"""Counts of the OCOP cycle run on the site (marketplace.cycle) for the plan metrics:
products evaluated, proposed to the central level, given complete dossiers.

They count the programme's own records in the scope's unit (or former province) whatever
the producer's verification on the marketplace, by the day the step happened (Vietnam's
calendar: the scope's UTC bounds).
"""
from sqlalchemy import and_, distinct, func, select

from marketplace.catalog.models import Producer
from marketplace.cycle.models import Dossier, EvaluationRound, RoundEntry
from marketplace.cycle.states import RoundStatus
from marketplace.extensions import db


def _area(scope):
    clause = Producer.province_id == scope.province.id
    if scope.former_province is not None:
        clause = and_(clause, Producer.former_province_id == scope.former_province.id)
    return clause


def _in_period(column, scope):
    return and_(column.is_not(None), column >= scope.start_utc, column < scope.end_utc)


def _products(query):
    return db.session.execute(query).scalar_one() or 0


def _entries():
    return (select(func.count(distinct(Dossier.product_id))).select_from(RoundEntry)
            .join(Dossier, Dossier.id == RoundEntry.dossier_id).join(Producer, Producer.id == Dossier.producer_id))


def evaluated(scope):
    """Products scored by a council in rounds whose scoring closed in the period (below 3 stars too)."""
    return _products(_entries().join(EvaluationRound, EvaluationRound.id == RoundEntry.round_id)
                     .where(_area(scope), EvaluationRound.status == RoundStatus.CLOSED,
                            _in_period(EvaluationRound.closed_at, scope)))


def proposed(scope):
    """Products proposed to the central council (≥ 90 points) in the period."""
    return _products(_entries().where(_area(scope), _in_period(RoundEntry.proposed_at, scope)))


def completed_dossiers(scope):
    """Products whose evaluation dossier the province found complete in the period."""
    return _products(select(func.count(distinct(Dossier.product_id))).join(Producer, Producer.id == Dossier.producer_id)
                     .where(_area(scope), _in_period(Dossier.completed_at, scope)))
