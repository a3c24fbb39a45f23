"""How often a user hears of new strong matches: at once or in the daily digest (the default)."""


from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.matching.models import MatchingPreference, NotifyFrequency


def preference_of(user_id):
    preference = db.session.get(MatchingPreference, user_id)
    return preference.frequency if preference is not None else NotifyFrequency.DAILY


def set_preference(user, frequency):
    frequency = NotifyFrequency(frequency)
    with atomic():
        preference = db.session.get(MatchingPreference, user.id)
        if preference is None:
            preference = MatchingPreference(user_id=user.id)
            db.session.add(preference)
        preference.frequency = frequency
        preference.updated_at = utcnow()
    return preference
