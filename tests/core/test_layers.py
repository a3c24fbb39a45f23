"""core/ sits under every domain: it imports none of them (at the top of a module or inside a
function). A domain that core needs to call registers itself with core instead (the search
engine's /healthz check, the catalogue's menu and JSON-LD), so every arrow points down."""
import ast
from pathlib import Path

import marketplace

PACKAGE = Path(marketplace.__file__).resolve().parent
CORE_AND_BELOW = {"core", "extensions"}


def _domains():
    return {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} - CORE_AND_BELOW \
        | {p.stem for p in PACKAGE.glob("*.py")} - CORE_AND_BELOW - {"__init__"}


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def test_core_imports_no_domain():
    domains = _domains()
    assert {"catalog", "search", "orders"} <= domains  # the sweep looks at the real package
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
                 for path in sorted((PACKAGE / "core").rglob("*.py"))
                 for line, module in _imports(path)
                 if module.startswith("marketplace.") and module.split(".")[1] in domains]
    assert offenders == []
