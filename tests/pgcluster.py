"""A throwaway PostgreSQL cluster for the tests where the engine matters.

Started from the Debian postgresql binaries (initdb, pg_ctl) in a temporary
directory on a free loopback port, and removed afterwards. As root, the server
runs as the `postgres` user, since PostgreSQL refuses to run as root.
"""
import glob
import os
import shutil
import socket
import subprocess
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


class PostgresCluster:
    def __init__(self, bin_dir):
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.base = tempfile.mkdtemp(prefix="ocop-pg-")
        self.data = os.path.join(self.base, "data")
        self.as_root = os.geteuid() == 0

    def _run(self, *args):
        command = [os.path.join(self.bin_dir, args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def start(self):
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.base, "log"), "-w", "start")
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not start")

    def url(self, database="postgres"):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self):
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
