"""The same fuzz tests with the long profile: `make test-slow` (over ten minutes in all)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import settings

from tests.fuzz import test_fuzz_canonical, test_fuzz_exports


def long_run(test: Callable[..., None], **arguments: Any) -> None:
    """Run a fuzz test under the slow profile, then restore the profile in force."""
    settings.load_profile("slow")
    try:
        test(**arguments)
    finally:
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


CANONICAL = (
    test_fuzz_canonical.test_canonical_files_of_random_values,
    test_fuzz_canonical.test_canonical_files_with_mutated_bytes,
)


@pytest.mark.slow
@pytest.mark.parametrize("test", CANONICAL, ids=lambda test: test.__name__)
def test_canonical_files_long(test):
    long_run(test)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(test_fuzz_exports.HELP_DESKS))
@pytest.mark.parametrize(
    "test",
    (
        test_fuzz_exports.test_help_desk_exports_with_mutated_records,
        test_fuzz_exports.test_help_desk_exports_with_mutated_bytes,
    ),
    ids=lambda test: test.__name__,
)
def test_help_desk_exports_long(test, name):
    long_run(test, name=name)


@pytest.mark.slow
@pytest.mark.parametrize("layout", test_fuzz_exports.MAPPED)
def test_mapped_exports_long(layout):
    long_run(test_fuzz_exports.test_mapped_exports_with_mutated_cells_or_bytes, layout=layout)
