"""deploy/: the service files run commands that exist, and the gunicorn configuration is the
one the README documents (loads, preloads the application, workers from the core count)."""
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _flask_commands():
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        for line in unit.read_text().splitlines():
            if line.startswith("ExecStart=") and "/flask " in line:
                words = shlex.split(line.split("=", 1)[1])
                yield unit.name, words[1:]


def test_every_flask_command_of_the_service_files_exists(app):
    runner = app.test_cli_runner()
    seen = list(_flask_commands())
    assert {name for name, _ in seen} >= {"ocop-worker.service", "ocop-nightly.service", "ocop-orders-expire.service"}
    for name, words in seen:
        result = runner.invoke(args=[*words, "--help"])
        assert result.exit_code == 0, (name, words, result.output)


def test_every_service_with_a_timer_and_every_timer_with_a_service():
    services = {p.stem for p in (DEPLOY / "systemd").glob("*.service")}
    timers = {p.stem for p in (DEPLOY / "systemd").glob("*.timer")}
    assert timers and timers <= services


def test_the_gunicorn_configuration_preloads_and_sizes_from_the_cores(monkeypatch):
    from gunicorn.config import Config
    from gunicorn.app.base import Application

    class Probe(Application):
        def init(self, parser, opts, args):
            return {}

        def load_config(self):
            self.cfg = Config()
            for key, value in self.get_config_from_filename(str(DEPLOY / "gunicorn.conf.py")).items():
                if key in self.cfg.settings and value is not None:
                    self.cfg.set(key.lower(), value)

        def load(self):
            return None

    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    cfg = Probe().cfg
    assert cfg.preload_app is True and cfg.workers == 3 and cfg.timeout == 30
    assert cfg.env == {"MIGRATIONS_COMMAND": "0"}  # set by the master before it loads the app
    assert cfg.worker_class_str in ("gthread", "sync")
    assert re.search(r"gunicorn -c deploy/gunicorn\.conf\.py wsgi:app",
                     (DEPLOY.parent / "README.md").read_text())


def test_a_web_worker_carries_no_migration_tool(tmp_path):
    """Web workers never migrate: with the setting the gunicorn configuration gives them, the
    application loads without Flask-Migrate and Alembic (some 11 MB a worker) and has no
    `flask db`; every other process keeps the command."""
    probe = ("import sys; from marketplace import create_app; "
             "app = create_app('testing', overrides={'SQLALCHEMY_DATABASE_URI': 'sqlite://', "
             f"'INSTANCE_PATH': {str(tmp_path)!r}}}); "
             "print('alembic' in sys.modules, 'db' in app.cli.commands)")
    root = Path(__file__).resolve().parents[2]
    for setting, expected in (("0", "False False"), ("1", "True True")):
        out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True,
                             env={**os.environ, "MIGRATIONS_COMMAND": setting}, check=True)
        assert out.stdout.split()[-2:] == expected.split(), (setting, out.stderr[-2000:])


def _env_example():
    """Each NAME=value of deploy/env.example, commented out or not; the last one wins (the
    commented S3 block comes after the local one)."""
    settings = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        line = line.lstrip("#").strip()
        if re.fullmatch(r"[A-Z][A-Z0-9_]*=.*", line):
            name, value = line.split("=", 1)
            settings[name] = value
    return settings


def test_the_env_example_names_only_settings_the_app_reads_and_its_s3_block_is_complete():
    from config import Config
    from marketplace.core.storage import check_settings
    settings = _env_example()
    read_by_boto3 = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
    unknown = [name for name in settings if not hasattr(Config, name) and name not in read_by_boto3 | {
        "APP_ENV", "DATABASE_URL"}]
    assert unknown == []
    assert {"MEDIA_STORE", "S3_BUCKET", "S3_ENDPOINT_URL"} <= set(settings) and settings["MEDIA_STORE"] == "s3"
    assert check_settings({**settings, "PRIVATE_URL_SECONDS": int(settings["PRIVATE_URL_SECONDS"])}) == []
    assert check_settings({**settings, "S3_BUCKET": ""}) != []
