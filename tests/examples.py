"""How many examples a property test tries: a fifth by default, every one in make test-slow.

`make test-slow` sets SUPPORTGAUGE_FULL_EXAMPLES=1 and runs the tests marked `properties`
again with the full count; the default run keeps each property covered, faster.
"""

from __future__ import annotations

import os

FULL = os.environ.get("SUPPORTGAUGE_FULL_EXAMPLES") == "1"


def examples(full: int) -> int:
    """The number of examples to try, of `full` in the long run."""
    return full if FULL else max(3, full // 5)
