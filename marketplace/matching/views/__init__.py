"""Matching pages: thin routes that find the record the user may act on, call a service, render.

One blueprint (`matching.bp`); each module of this package registers the routes of one area
on it: `account` (landing, buyer organisation, settings), `demands`, `offers`, `connections`
(requests, answers, messages), `meetings` (B2B events). `acting` says who acts and finds the
user's own records; `match_lists` loads the ranked matches a demand or offer page shows.
This module holds what applies to every page: the template globals and the 403 page.
"""
from marketplace.core.errors import PermissionDenied
from marketplace.matching import bp
from marketplace.matching.forms import BUYER_KINDS
from marketplace.matching.notifications import status_label
from marketplace.matching.terms import PERIOD_LABELS, RECURRENCE_LABELS, certificate_labels, months_of, unit_label

# Template globals (not a context processor: the macros of matching/_macros.html use them too).
for _name, _helper in {"post_status_label": status_label, "unit_label": unit_label,
                       "certificate_labels": certificate_labels, "months_of": months_of,
                       "recurrence_label": lambda r: RECURRENCE_LABELS.get(r, r),
                       "period_label": lambda p: PERIOD_LABELS.get(p, p),
                       "buyer_kind_label": lambda k: BUYER_KINDS.get(k, k)}.items():
    bp.add_app_template_global(_helper, _name)


@bp.errorhandler(PermissionDenied)
def _permission_denied(error):
    from marketplace.core.errorpages import render_error
    return render_error(403)


from . import account, connections, demands, meetings, offers  # noqa: E402,F401  (their routes register on bp)
