"""The package keeps the layers declared in .importlinter, checked by import-linter: core and
extensions at the bottom import no domain; the domains in their declared order (the storefront
above search, search above the catalogue, so the catalogue never imports search); inside each
domain, views above forms above services above models. An import inside a function counts as
much as one at the top of a module, and so does a chain of imports through other modules.

lint-imports runs in a subprocess: it configures logging for its whole process, which must not
leak into the test session; its report (which module imports which, on which line) is the
failure message."""
import configparser
import re
import subprocess
import sys
from pathlib import Path

import marketplace

PACKAGE = Path(marketplace.__file__).resolve().parent
CONFIG = PACKAGE.parent / ".importlinter"


def test_the_declared_layers_hold():
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--config", str(CONFIG), "--no-cache"],
        cwd=PACKAGE.parent, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout  # both contracts were read and checked


def test_every_package_has_its_place_in_the_order():
    """A new domain is placed in the order when it is added: one left out would not be checked."""
    parser = configparser.ConfigParser()
    parser.read(CONFIG, encoding="utf-8")
    declared = {name.removeprefix("marketplace.")
                for name in re.split(r"[\s|:]+", parser["importlinter:contract:domains"]["layers"]) if name}
    present = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} \
        | {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert {"core", "catalog", "search", "storefront"} <= present  # it looks at the real package
    assert declared == present
