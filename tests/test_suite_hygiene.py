"""The test run itself: it writes nothing into the checkout, and whatever ends it (a
normal end, SIGTERM from a CI time-out, SIGKILL) the servers it started stop and their
folders go."""
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from marketplace import create_app
from marketplace.core import mail, outbox
from tests import hygiene
from tests.pgcluster import find_pg_bin

ROOT = Path(__file__).resolve().parents[1]
needs_postgresql = pytest.mark.skipif(find_pg_bin() is None, reason="PostgreSQL binaries are not installed")


def _inside_checkout(path):
    return Path(path).resolve().is_relative_to(ROOT)


def test_the_testing_configuration_writes_nowhere_in_the_checkout():
    app = create_app("testing")
    for name in hygiene.PATH_SETTINGS:
        value = app.config[name]
        assert value == "" or not _inside_checkout(value), (name, value)  # "" = the index in memory
    assert not _inside_checkout(app.instance_path)


def test_a_tests_mail_lands_in_its_own_folder(app, db, tmp_path):
    guard = hygiene.InstanceGuard()
    mail.queue("khach@example.vn", "Thử", "Nội dung thử")
    db.session.commit()
    assert outbox.drain().processed == 1
    [message] = (tmp_path / "mail").iterdir()
    assert "khach@example.vn" in message.read_text(encoding="utf-8")
    assert guard.changes() == []


def test_the_guard_sees_what_a_run_did_to_instance(tmp_path):
    folder = tmp_path / "instance"
    guard = hygiene.InstanceGuard(folder)
    assert guard.changes() == []
    (folder / "mail").mkdir(parents=True)
    (folder / "mail" / "1.eml").write_text("x")
    assert guard.changes()[:1] == [f"{folder} was created"] and "  + mail/1.eml" in guard.changes()
    guard = hygiene.InstanceGuard(folder)
    (folder / "ocop.sqlite3").write_text("db")
    assert guard.changes() == [f"{folder} was changed", "  + ocop.sqlite3"]


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _port_closed(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return False
    except OSError:
        return True


def _read_when_written(path, process, seconds=120):
    assert _wait_for(lambda: path.exists() and path.read_text().strip() or process.poll() is not None, seconds)
    assert process.poll() is None, process.communicate()[0][-3000:]
    return path.read_text().split()


@needs_postgresql
def test_sigkill_of_the_test_process_still_removes_its_cluster(tmp_path):
    """The watchdog stops the server and removes its folder after the process that started
    it was killed outright (no Python clean-up at all)."""
    said = tmp_path / "cluster"
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from tests.pgcluster import PostgresCluster, find_pg_bin
        cluster = PostgresCluster(find_pg_bin()).start()
        open({str(said)!r}, "w").write(f"{{cluster.base}} {{cluster.port}}")
        time.sleep(600)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    base, port = _read_when_written(said, process)
    assert os.path.isdir(base) and not _port_closed(int(port))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert _wait_for(lambda: not os.path.exists(base) and _port_closed(int(port))), "the cluster outlived its run"


@needs_postgresql
@pytest.mark.undated  # a teardown on SIGTERM takes no day
def test_sigterm_of_a_test_run_tears_every_fixture_down(tmp_path):
    """A CI time-out sends SIGTERM: pytest ends as if interrupted, tears the session fixtures
    down (the cluster is stopped and removed by the fixture, not only by the watchdog)."""
    said, torn_down = tmp_path / "cluster", tmp_path / "torn-down"
    (tmp_path / "test_waits.py").write_text(textwrap.dedent(f"""
        import time
        import pytest

        @pytest.fixture(scope="session")
        def witness():
            yield
            open({str(torn_down)!r}, "w").write("yes")

        def test_waits(pg_cluster, witness):
            open({str(said)!r}, "w").write(f"{{pg_cluster.base}} {{pg_cluster.port}}")
            time.sleep(600)
    """))
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-q", "-s",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_waits.py")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    base, port = _read_when_written(said, process)
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=120)[0]
    assert process.returncode == pytest.ExitCode.INTERRUPTED, output[-3000:]
    assert "received SIGTERM" in output and torn_down.read_text() == "yes"
    assert not os.path.exists(base) and _port_closed(int(port))


def test_servers_the_tests_start_die_with_the_test_process(tmp_path):
    """localstripe is started with a parent-death signal: killing the test process ends it."""
    said = tmp_path / "child"
    script = textwrap.dedent(f"""
        import subprocess, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from tests.hygiene import die_with_parent
        child = subprocess.Popen(["sleep", "600"], preexec_fn=die_with_parent)
        open({str(said)!r}, "w").write(str(child.pid))
        time.sleep(600)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    [pid] = _read_when_written(said, process, seconds=30)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    def gone():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting for init counts as gone
            return stat.read().split()[2] == "Z"
    assert _wait_for(gone, 30)


# --- the run's clock (tests/clock.py) ------------------------------------------------------

def test_a_clock_move_is_read_as_the_readme_says():
    from datetime import datetime, timezone

    from tests.clock import target
    now = datetime(2026, 11, 29, 16, 0, tzinfo=timezone.utc)
    assert target("+1y", now) == datetime(2027, 11, 29, 16, 0, tzinfo=timezone.utc)
    assert target("+2y6m", now) == datetime(2029, 5, 29, 16, 0, tzinfo=timezone.utc)
    assert target("-90d", now) == datetime(2026, 8, 31, 16, 0, tzinfo=timezone.utc)
    assert target("+12h", now) == datetime(2026, 11, 30, 4, 0, tzinfo=timezone.utc)
    assert target("2031-12-31T23:30", now) == datetime(2031, 12, 31, 16, 30, tzinfo=timezone.utc)  # Vietnam's time
    assert target("+1y", datetime(2028, 2, 29, tzinfo=timezone.utc)).date().isoformat() == "2029-02-28"
    with pytest.raises(ValueError):
        target("next year", now)


@pytest.mark.postgresql_only
def test_the_database_server_keeps_the_tests_time(app, db, engine):
    """Whatever OCOP_TEST_CLOCK says, PostgreSQL's now() is the tests' now (libfaketime)."""
    from sqlalchemy import text

    from marketplace.core.timeutil import utcnow
    server = db.session.execute(text("SELECT now() AT TIME ZONE 'UTC'")).scalar_one()
    assert abs((server - utcnow()).total_seconds()) < 120
