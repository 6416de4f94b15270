"""Wrong fields or group keys are the caller's mistakes: error kinds that name no flag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import InputError
from supportgauge.metrics.store_metrics import store_summary, store_ticket_metrics
from supportgauge.metrics.summary import parse_group_keys
from supportgauge.metrics.ticket_metrics import parse_fields
from tests.builders import ticket_row


@pytest.mark.parametrize(
    ("by", "message"),
    [
        (["vendor", "vendor"], "'vendor' given twice."),
        ([], "name at least one of vendor, priority,"),
        (["colour"], "cannot group by 'colour'; use any of vendor,"),
    ],
)
def test_summary_refuses_bad_group_keys(
    load: Callable[..., Any], by: list[str], message: str
) -> None:
    store = load(tickets=[ticket_row()])
    with pytest.raises(InputError) as raised:
        store_summary(store, by=by)
    assert raised.value.message.startswith(message)
    assert raised.value.parameter == "by"
    assert "--" not in raised.value.message


def test_an_unknown_field_is_bad_input_with_the_nearest_name(load: Callable[..., Any]) -> None:
    store = load(tickets=[ticket_row()])
    with pytest.raises(InputError) as raised:
        store_ticket_metrics(store, fields=["ticket_id", "first_respons_min"])
    assert raised.value.message == (
        "no field 'first_respons_min'. Did you mean 'first_response_min'? "
        "The fields are listed in docs/metrics.md."
    )
    assert raised.value.parameter == "fields"


@pytest.mark.parametrize(
    ("text", "message"), [(" , ", "name at least one field."), ("reopens,reopens", "given twice")]
)
def test_parse_fields_refuses_empty_and_repeated_lists(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        parse_fields(text)
    assert raised.value.parameter == "fields"


def test_parse_group_keys_reads_a_comma_separated_list() -> None:
    assert parse_group_keys("vendor, month") == ["vendor", "month"]
