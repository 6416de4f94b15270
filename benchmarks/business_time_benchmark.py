"""Map N (start, end) pairs through one compiled calendar; print time and peak memory.

The calendar: a Shanghai office, Mon-Fri 09:00-12:00 and 13:00-18:00, Chinese public
holidays and make-up working weekends, three years (2024-2026).

    python benchmarks/business_time_benchmark.py [--pairs 10000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from datetime import UTC, date, datetime

import numpy as np

from supportgauge.clocks import business_seconds_between, compile_calendar, parse_calendars

SHANGHAI_OFFICE = {
    "timezone": "Asia/Shanghai",
    **{day: ["09:00-12:00", "13:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": ["CN"],
}
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2026, 12, 31)
MEAN_DURATION_SECONDS = 36 * 3600


def main() -> None:
    """Run the benchmark once and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()

    spec = parse_calendars({"shanghai_office": SHANGHAI_OFFICE})["shanghai_office"]
    started = time.perf_counter()
    calendar = compile_calendar(spec, start=FIRST_DAY, end=LAST_DAY)
    compile_seconds = time.perf_counter() - started

    rng = np.random.default_rng(arguments.seed)
    first = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())
    last = int(datetime(2026, 12, 20, tzinfo=UTC).timestamp())
    start_epoch = rng.integers(first, last, arguments.pairs, dtype=np.int64)
    durations = rng.exponential(MEAN_DURATION_SECONDS, arguments.pairs).astype(np.int64)
    # Ends stay inside the compiled years; beyond them the mapping answers NaN.
    end_epoch = np.minimum(start_epoch + durations, last + 10 * 86_400)

    tracemalloc.start()
    started = time.perf_counter()
    business = business_seconds_between(calendar, start_epoch, end_epoch)
    map_seconds = time.perf_counter() - started
    _, peak_bytes = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall = end_epoch - start_epoch
    intervals = len(calendar.open_start)
    print(f"calendar: {intervals} open intervals, compiled in {compile_seconds:.3f} s")
    print(f"pairs: {arguments.pairs:,}")
    print(f"mapping: {map_seconds:.2f} s ({arguments.pairs / map_seconds / 1e6:.1f} M pairs/s)")
    print(f"peak memory during mapping: {peak_bytes / 2**20:.0f} MiB (numpy, tracemalloc)")
    print(f"process max RSS: {max_rss_mib:.0f} MiB")
    print(
        f"business / wall-clock time: {np.nansum(business) / wall.sum():.3f}, "
        f"missing results: {int(np.isnan(business).sum())}"
    )


if __name__ == "__main__":
    main()
