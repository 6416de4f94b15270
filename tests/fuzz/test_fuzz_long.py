"""The same fuzz tests with the long profile: `make test-slow` (over ten minutes in all)."""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests.fuzz import test_fuzz_canonical, test_fuzz_exports

LONG = settings(settings.get_profile("slow"))
CANONICAL = (
    test_fuzz_canonical.test_canonical_files_of_random_values,
    test_fuzz_canonical.test_canonical_files_with_mutated_bytes,
)


@pytest.mark.slow
@pytest.mark.parametrize("test", CANONICAL, ids=lambda test: test.__name__)
def test_canonical_files_long(test):
    LONG(test)()


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
    LONG(test)(name=name)


@pytest.mark.slow
@pytest.mark.parametrize("layout", test_fuzz_exports.MAPPED)
def test_mapped_exports_long(layout):
    LONG(test_fuzz_exports.test_mapped_exports_with_mutated_cells_or_bytes)(layout=layout)
