"""A test run leaves nothing behind and writes nothing into the checkout.

- `isolate_instance()` runs before the application's settings are imported (at the
  top of tests/conftest.py): every default path of config.py (INSTANCE_PATH and the
  mail, media, private media and search index folders under it) points into a
  temporary folder of this process, whatever the developer's environment says.
  Fixtures also give each test app its own folders under `tmp_path`.
- `InstanceGuard` remembers what the checkout's `instance/` (the development
  server's database, mailbox and uploads) held when the run started and fails the
  run if a test changed it.
- `install_signal_handlers()` turns SIGTERM and SIGHUP (a CI time-out, a closed
  terminal) into KeyboardInterrupt, so pytest still tears its fixtures down: the
  PostgreSQL cluster, localstripe, the live servers.
- `die_with_parent` is a `preexec_fn` for servers the tests start: the kernel sends
  them SIGTERM when the test process dies, even by SIGKILL.
"""
import ctypes
import os
import shutil
import signal
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
CHECKOUT_INSTANCE = CHECKOUT / "instance"
PATH_SETTINGS = ("INSTANCE_PATH", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "MAIL_DIR", "SEARCH_INDEX_DIR")


def isolate_instance():
    """Point config.py's default folders at a fresh temporary instance; returns its path."""
    folder = Path(tempfile.mkdtemp(prefix="ocop-test-instance-"))
    os.environ["INSTANCE_PATH"] = str(folder)
    os.environ["MEDIA_ROOT"] = str(folder / "uploads")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(folder / "private")
    os.environ["MAIL_DIR"] = str(folder / "mail")
    os.environ["SEARCH_INDEX_DIR"] = str(folder / "search-index")
    for name in ("DATABASE_URL", "MAIL_SERVER", "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY",
                 "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "PASSWORD_HASH_METHOD", "APP_ENV"):
        os.environ.pop(name, None)  # a developer's real services are never the tests' (MEILI_URL is opt-in)
    return folder


def remove_instance(folder):
    shutil.rmtree(folder, ignore_errors=True)


def _snapshot(folder):
    if not folder.exists():
        return None
    files = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        files[str(path.relative_to(folder))] = (stat.st_mode, stat.st_size, stat.st_mtime_ns)
    return files


class InstanceGuard:
    """What the checkout's instance/ held at the start; `changes()` says what a run did to it."""

    def __init__(self, folder=CHECKOUT_INSTANCE):
        self.folder = folder
        self.before = _snapshot(folder)

    def changes(self):
        after = _snapshot(self.folder)
        if after == self.before:
            return []
        if self.before is None:
            return [f"{self.folder} was created"] + [f"  + {name}" for name in list(after)[:20]]
        if after is None:
            return [f"{self.folder} was removed"]
        added = [f"  + {n}" for n in after if n not in self.before]
        removed = [f"  - {n}" for n in self.before if n not in after]
        changed = [f"  ~ {n}" for n in after if n in self.before and after[n] != self.before[n]]
        return [f"{self.folder} was changed"] + (added + removed + changed)[:20]


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"received {signal.Signals(signum).name}")


def install_signal_handlers():
    """SIGTERM and SIGHUP end the run like Ctrl-C does: with every fixture torn down."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            if signal.getsignal(signum) in (signal.SIG_DFL, None):
                signal.signal(signum, _interrupt)
        except ValueError:  # not the main thread: nothing to install
            pass


_PR_SET_PDEATHSIG = 1


def die_with_parent():
    """preexec_fn: ask the kernel to send SIGTERM to this child when its parent dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
