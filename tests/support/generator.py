"""The benchmarks' registry generator (benchmarks/generate.py), loaded for tests of size."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


def benchmark_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module
