"""A throwaway PostgreSQL cluster for the tests where the engine matters.

Started from the Debian postgresql binaries (initdb, pg_ctl) in a temporary
directory on a free loopback port, and removed afterwards. As root, the server
runs as the `postgres` user, since PostgreSQL refuses to run as root.

Nothing stays behind, however the test run ends:

- a normal end, an error or Ctrl-C: the session fixture calls `stop()`;
- SIGTERM or SIGHUP (a CI time-out): tests/conftest.py turns them into
  KeyboardInterrupt, so pytest still tears its fixtures down; `stop()` is also
  registered with atexit;
- SIGKILL, or anything that skips Python's clean-up: a watchdog process (this
  file run as a script) holds the read end of a pipe whose write end only the
  test process has. The kernel closes that end when the test process dies, the
  watchdog reads end-of-file, stops the server and removes the directory. It runs
  in a session of its own, so a signal sent to the test run's process group does
  not take it down before it has cleaned up.

When the tests' clock is moved (OCOP_TEST_CLOCK, see tests/clock.py), the server
runs under libfaketime with the same offset, so that its now() agrees with Python's.
"""
import atexit
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


def find_pg_bin():
    """The directory with initdb and pg_ctl, newest major version first, or None."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    for directory in candidates:
        if os.path.exists(os.path.join(directory, "pg_ctl")):
            return directory
    found = shutil.which("pg_ctl")
    return os.path.dirname(found) if found else None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command(bin_dir, as_root, *args):
    command = [os.path.join(bin_dir, args[0]), *args[1:]]
    if as_root:
        command = ["runuser", "-u", "postgres", "--", *command]
    return command


def faketime_environment(offset_seconds):
    """Environment that starts a program `offset_seconds` away from now (libfaketime)."""
    if not offset_seconds:
        return None
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    if not found:
        raise RuntimeError("the tests' clock is moved but libfaketime is missing: apt-get install faketime "
                           "(`make test` installs it)")
    return {**os.environ, "LD_PRELOAD": found[0], "FAKETIME": f"{offset_seconds:+d}",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1"}


def _stop_and_remove(bin_dir, as_root, data, base):
    """Stop the server (if it runs) and remove its directory; safe to call twice."""
    pid_file = os.path.join(data, "postmaster.pid")
    try:
        if os.path.exists(pid_file):
            try:
                subprocess.run(_command(bin_dir, as_root, "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            except (OSError, subprocess.SubprocessError):
                _quit_postmaster(pid_file)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _quit_postmaster(pid_file):
    """SIGQUIT to the postmaster named in postmaster.pid: PostgreSQL's immediate shutdown."""
    try:
        with open(pid_file, encoding="ascii") as handle:
            os.kill(int(handle.readline().strip()), signal.SIGQUIT)
    except (OSError, ValueError):
        pass


class PostgresCluster:
    def __init__(self, bin_dir, clock_offset=0):
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.base = tempfile.mkdtemp(prefix="ocop-pg-")
        self.data = os.path.join(self.base, "data")
        self.as_root = os.geteuid() == 0
        self._lifeline = None
        self._watchdog = None
        self._stopped = False
        self.clock_offset = clock_offset  # seconds the server's clock is moved (tests/clock.py)

    def _run(self, *args, env=None):
        subprocess.run(_command(self.bin_dir, self.as_root, *args), check=True, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=env)

    def _start_watchdog(self):
        read_end, write_end = os.pipe()  # both close-on-exec: no other child inherits the write end
        self._watchdog = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--watch", self.bin_dir, str(int(self.as_root)), self.data,
             self.base], stdin=read_end, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        os.close(read_end)
        self._lifeline = write_end

    def start(self):
        self._start_watchdog()  # before anything exists on disk, so that nothing can outlive us
        atexit.register(self.stop)
        try:
            if self.as_root:
                shutil.chown(self.base, "postgres", "postgres")
            self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
            options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            self._run("pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.base, "log"), "-w", "start",
                      env=faketime_environment(self.clock_offset))
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return self
                except OSError:
                    time.sleep(0.1)
            raise RuntimeError("PostgreSQL did not start")
        except BaseException:
            self.stop()
            raise

    def url(self, database="postgres"):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self):
        """Stop the server and remove its directory (idempotent), then let the watchdog go."""
        if self._stopped:
            return
        self._stopped = True
        try:
            _stop_and_remove(self.bin_dir, self.as_root, self.data, self.base)
        finally:
            if self._lifeline is not None:
                os.close(self._lifeline)  # the watchdog reads end-of-file, finds nothing left, exits
                self._lifeline = None
            if self._watchdog is not None:
                try:
                    self._watchdog.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self._watchdog.kill()


def _watch(bin_dir, as_root, data, base):
    """Block until the test process is gone (end-of-file on stdin), then clean up after it."""
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    _stop_and_remove(bin_dir, as_root == "1", data, base)


if __name__ == "__main__" and len(sys.argv) == 6 and sys.argv[1] == "--watch":
    _watch(*sys.argv[2:])
