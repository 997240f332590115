"""benchmarks/results.md: the latest `make bench` and `make load` figures, each in its own
section that the next run replaces, with the machine and the date."""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"
HEAD = (
    "# Benchmark results\n\n"
    "Written by `make bench` and `make load`; each run replaces its own section.\n"
)


def machine() -> str:
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} CPUs"


def write_section(name: str, text: str) -> None:
    current = RESULTS.read_text() if RESULTS.exists() else HEAD
    block = f"<!-- {name} -->\n{text.rstrip()}\n<!-- /{name} -->"
    pattern = re.compile(rf"<!-- {name} -->.*?<!-- /{name} -->", re.S)
    if pattern.search(current):
        current = pattern.sub(lambda _m: block, current)
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(current)
