"""Signals the catalogue sends, so that the domains above it can follow without the catalogue
importing them (every arrow points down: the receivers import this module, not the reverse).

`bulk_written`: catalogue rows were written around the session (the synthetic catalogue's
plain SQL, `flask catalog generate`), so no outbox message told anyone; a receiver drops what
it derived from the catalogue (the programme forgets its stored figures, programme.init_app).
"""
from blinker import Namespace

_signals = Namespace()
bulk_written = _signals.signal("catalog.bulk-written")
