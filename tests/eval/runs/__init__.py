"""The runs of ``make eval``: one module each, found by ``tests.eval.__main__``.

A run module defines ``NAME`` (its ``--run`` name), ``ORDER`` (print order),
``DESCRIPTION`` (one line) and ``run(ctx: Context) -> RunResult``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from tests.eval.model import Context, RunResult


@dataclass(frozen=True)
class Run:
    name: str
    order: int
    description: str
    run: Callable[[Context], RunResult]


def registered() -> dict[str, Run]:
    """Every run module in this package, by name, in print order."""
    runs = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "run") and hasattr(module, "NAME"):
            runs.append(
                Run(module.NAME, getattr(module, "ORDER", 100), module.DESCRIPTION, module.run)
            )
    return {run.name: run for run in sorted(runs, key=lambda run: (run.order, run.name))}
