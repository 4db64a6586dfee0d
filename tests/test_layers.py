"""What import-linter cannot say: the library imports cleanly, and web/ uses only its public API."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The layers themselves are import-linter contracts (pyproject.toml, `make lint`).


def test_library_imports_under_warnings_as_errors() -> None:
    """Whoosh 2.7.4's invalid escapes must not break a `-W error` run (bytecode is
    compiled at install, and the ignores below are the documented ones)."""
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-W", "error", "-W", "ignore::SyntaxWarning", "-W",
         "ignore:invalid escape sequence:DeprecationWarning", "-c",
         "import indexer, web.cli.main; from whoosh import analysis, qparser, highlight"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr


def test_web_uses_only_the_library_public_api() -> None:
    """web/ imports names from ``indexer.__all__`` (and the ``indexer.errors`` module it
    exports), never the library's inner modules: those can be renamed freely."""
    import indexer

    public = set(indexer.__all__)
    for path in (ROOT / "web").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("indexer."), (
                        f"{path.name} imports {alias.name}"
                    )
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("indexer"):
                where = f"web/{path.relative_to(ROOT / 'web')}"
                assert node.module in ("indexer", "indexer.errors"), f"{where}: {node.module}"
                if node.module == "indexer":
                    for alias in node.names:
                        assert alias.name in public, f"{where}: {alias.name} not in __all__"


def test_every_public_name_exists() -> None:
    import indexer

    assert all(hasattr(indexer, name) for name in indexer.__all__)
