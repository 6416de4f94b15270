"""Print docs/metrics.md's table of every field: python -m supportgauge.metrics.field_table"""

from __future__ import annotations

from supportgauge.metrics.figure import markdown_table
from supportgauge.metrics.figures import FIGURES

if __name__ == "__main__":
    print(markdown_table(FIGURES), end="")
