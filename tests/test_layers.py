"""The dependency direction: indexer/ is a library that never imports the shells."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_INDEXER = ("web", "starlette", "jinja2", "click", "uvicorn", "watchfiles")
# Lower layers never import higher ones (readers -> passages -> schema/index ->
# query/facets/highlight -> search -> public API).
LAYERS = [
    {"errors", "models", "text", "language", "dates", "facets", "request", "results", "segments"},
    {"addresses"},
    {"params", "readers", "analysis", "manifest", "codec", "spill"},
    {"schema", "parsing", "docwriter"},
    {"run_summary", "storage", "querytext", "highlight"},
    {"indexing", "buildworkers", "opensearch"},
    {"query", "facet_arrays", "snapshot", "suggest", "scoring", "ranking"},
    {"search", "export", "searchers"},
    {"archive"},
    {"__init__"},
]


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level + (node.module or "")
            names.add(prefix)
    return names


def test_indexer_never_imports_web_or_cli() -> None:
    for path in (ROOT / "indexer").rglob("*.py"):
        for name in imports_of(path):
            top = name.lstrip(".").split(".")[0]
            if name.startswith("."):
                continue
            assert top not in FORBIDDEN_IN_INDEXER, f"{path.relative_to(ROOT)} imports {name}"


def layer_of(module: str) -> int:
    for number, layer in enumerate(LAYERS):
        if module in layer:
            return number
    raise AssertionError(f"indexer/{module}.py is in no layer of tests/test_layers.py")


def test_indexer_modules_import_only_lower_layers() -> None:
    for path in (ROOT / "indexer").glob("*.py"):
        own = layer_of(path.stem)
        for name in imports_of(path):
            if not name.startswith(".") or name.startswith(".."):
                continue
            target = name.lstrip(".").split(".")[0]
            if not target:
                continue
            assert layer_of(target) <= own, f"indexer/{path.name} imports higher layer {name}"


def test_readers_import_nothing_above_them() -> None:
    allowed = LAYERS[0] | {"readers"}
    for path in (ROOT / "indexer" / "readers").glob("*.py"):
        for name in imports_of(path):
            if name.startswith(".."):
                target = name.lstrip(".").split(".")[0]
                assert target in allowed, f"readers/{path.name} imports {name}"


def test_library_imports_under_warnings_as_errors() -> None:
    """Whoosh 2.7.4's invalid escapes must not break a `-W error` run (bytecode is
    compiled at install, and the ignores below are the documented ones)."""
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-W", "error", "-W", "ignore::SyntaxWarning", "-W",
         "ignore:invalid escape sequence:DeprecationWarning", "-c",
         "import indexer, web.cli; from whoosh import analysis, qparser, highlight"],
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
