"""The day the tests run on: today, or a day moved by OCOP_TEST_CLOCK.

`make test` runs the suite three times: on today, then with the clock moved one
year and three years ahead (`OCOP_TEST_CLOCK=+1y`, `+3y`), so that a test or a
fixture that only works on the day it was written fails now, not in a year.
Any day can be tried: `make test CLOCK=+2y6m`, `CLOCK=-90d`, `CLOCK=2031-12-31T23:30`
(Vietnam's time).

How the clock is moved, and why this way:

- the test processes (pytest, its xdist workers, and the Python programs a test
  starts through `python_command`: localstripe, the benchmark) travel with
  time-machine (PyPI), started before the application is imported, ticking from the
  new day: `time.time`, `datetime.now`, `date.today` and the rest of the wall clock
  move; the monotonic clocks that time-outs and sleeps use do not. localstripe moves
  too: Stripe's webhook signatures carry Stripe's time, which agrees with ours in
  reality and is checked against ours (5 minutes' tolerance);
- the PostgreSQL server the tests start runs under libfaketime (Debian package
  `faketime`), preloaded into the server alone with the same offset in seconds, so
  `now()` and `CURRENT_DATE` agree with Python (tests/pgcluster.py).

libfaketime is not used for Python itself: with libfaketime 0.9.10 and Python 3.11,
a faked monotonic clock makes every timed wait of a thread hang (sem_clockwait is
not intercepted: the waits last a year), and with FAKETIME_DONT_FAKE_MONOTONIC the
second `time.sleep` of a process fails with EINVAL.

Chromium, in the browser tests, keeps the real clock (they are left out of the moved runs).
"""
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # not imported from the application: config.py must not load yet

VARIABLE = "OCOP_TEST_CLOCK"
_RELATIVE = re.compile(r"^([+-])((?:\d+[ymdh])+)$")
_traveller = None


def target(spec, now=None):
    """The UTC moment `spec` names: relative (+1y, +2y6m, -90d, +12h) or a day or moment
    in Vietnam's time (2031-12-31, 2031-12-31T23:30)."""
    now = now or datetime.now(timezone.utc)
    spec = spec.strip()
    match = _RELATIVE.match(spec)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        moved = now
        for amount, unit in re.findall(r"(\d+)([ymdh])", match.group(2)):
            amount = sign * int(amount)
            if unit in "ym":
                months = amount * 12 if unit == "y" else amount
                moved = datetime.combine(_add_months(moved.date(), months), moved.timetz())
            else:
                moved += timedelta(days=amount) if unit == "d" else timedelta(hours=amount)
        return moved
    try:
        local = datetime.fromisoformat(spec)
    except ValueError:
        raise ValueError(f"{VARIABLE}={spec!r}: use +1y, +2y6m, -90d, +12h, 2031-12-31 or 2031-12-31T23:30") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=VN_TZ)
    return local.astimezone(timezone.utc)


def _add_months(day, months):
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue


def spec():
    return os.environ.get(VARIABLE, "").strip()


LAST_START = (23, 0)  # Vietnam's time: a run must not see "today" change under it
OFFSET = "OCOP_TEST_CLOCK_OFFSET"  # seconds, set by the first process, inherited by its children


def start():
    """Move this process's wall clock as OCOP_TEST_CLOCK says (once).

    The first process of a run (pytest, or its xdist controller) decides the offset and
    leaves it in the environment; workers and the programs they start move by the
    same offset. A run that would start after 23:00 in Vietnam starts at 23:00
    instead, whatever the clock: fixtures take "today" once (at import, or per test)
    and the code asks again later, and a run that crossed midnight would see two days."""
    global _traveller
    if _traveller is not None:
        return
    now = datetime.now(timezone.utc)
    if OFFSET not in os.environ:
        destination = target(spec(), now) if spec() else now
        local = destination.astimezone(VN_TZ)
        if (local.hour, local.minute) >= LAST_START:
            destination = local.replace(hour=LAST_START[0], minute=LAST_START[1], second=0).astimezone(timezone.utc)
        os.environ[OFFSET] = str(int((destination - now).total_seconds()))
    offset = offset_seconds()
    if offset:
        import time_machine
        _traveller = time_machine.travel(now + timedelta(seconds=offset), tick=True)
        _traveller.start()


def offset_seconds():
    """How far this run's clock is moved, in seconds (0: not moved)."""
    return int(os.environ.get(OFFSET) or 0)


def python_command(*args):
    """A command line that runs Python with `args` on the tests' clock (`python -m x` -> ("-m", "x"))."""
    if not offset_seconds():
        return [sys.executable, *args]
    if args[0] == "-m":
        run = f"import runpy, sys; sys.argv[0] = {args[1]!r}; runpy.run_module({args[1]!r}, run_name='__main__')"
        return [sys.executable, "-c", f"import tests.clock; tests.clock.start(); {run}", *args[2:]]
    raise ValueError("python_command runs modules only")
