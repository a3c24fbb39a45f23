"""The producer's record of fulfilled orders, one factor of a match's score.

Orders are being built on another branch (checkout and orders split per producer).
Until they exist, every producer gets the same neutral share, and the explanation
says so; when orders land, `record_shares` becomes the share of a producer's orders
of the last 12 months that were delivered (with a floor for producers with only a
few orders), and nothing else in matching changes.
"""
import numpy as np

from marketplace.core.i18n import lazy_gettext as _l

NEUTRAL_SHARE = 0.5


def record_shares(producer_ids):
    """A share 0–1 per producer id (array in, array out): neutral until orders exist."""
    return np.full(np.shape(producer_ids), NEUTRAL_SHARE, dtype=float)


def record_reason(share):
    """The words for a producer's record (share as returned by `record_shares`)."""
    if share == NEUTRAL_SHARE:
        return _l("chưa có dữ liệu đơn hàng đã giao trên sàn (điểm trung bình)")
    return _l("giao đủ %(percent)s%% đơn hàng", percent=int(round(share * 100)))
