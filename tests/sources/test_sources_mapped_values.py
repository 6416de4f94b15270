"""Scenario, category and region values of a flat export: mapped, named in Chinese, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgauge.errors import SettingsError, SourceError
from supportgauge.sources.csv_mapping import load_mapping
from supportgauge.sources.mapped_csv import read_mapped_csv
from supportgauge.store.duckdb import open_store
from supportgauge.store.importer import import_batch

MESSAGES = Path(__file__).parents[1] / "data" / "exports" / "csv" / "messages"
HEADER = (
    "工单编号,服务商,创建时间,优先级,地区,业务场景,问题分类,"
    "消息ID,发送时间,发送人,发送人角色,内容\n"
)
EXTRA_COLUMNS = 'scenario = "业务场景"\ncategory = "问题分类"\n'


def export(tmp_path: Path, rows: list[str], values: str = "") -> Path:
    """A copy of the Chinese messages export's mapping with scenario and category columns."""
    mapping = (MESSAGES / "map.toml").read_text(encoding="utf-8")
    mapping = mapping.replace("[values.role]", values + "\n[values.role]")
    mapping = mapping.replace('status = "状态"\n', 'status = "状态"\n' + EXTRA_COLUMNS)
    mapping = mapping.replace('status = "状态"\n', "").replace('subject = "标题"\n', "")
    mapping = mapping.replace('account = "客户"\n', "")
    (tmp_path / "map.toml").write_text(mapping, encoding="utf-8")
    (tmp_path / "export.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return tmp_path


def row(ticket: str, region: str, scenario: str, category: str) -> str:
    return (
        f"{ticket},VendorE,2026/03/14 23:05:00,高,{region},{scenario},{category},"
        f"{ticket}-m1,2026/03/14 23:05:00,layla,客户,推流卡顿\n"
    )


def imported(folder: Path) -> dict[str, dict]:
    batch = read_mapped_csv([folder / "export.csv"], mapping=folder / "map.toml")
    with open_store(":memory:") as store:
        import_batch(store, batch)
        rows = store.connection.sql(
            "SELECT ticket_id, region, scenario, category FROM tickets ORDER BY ticket_id"
        ).fetchall()
    return {ticket: {"region": r, "scenario": s, "category": c} for ticket, r, s, c in rows}


def test_chinese_and_english_names_of_scenarios_categories_and_countries_are_built_in(tmp_path):
    folder = export(
        tmp_path,
        [
            row("T-1", "沙特", "秀场直播", "推流失败"),
            row("T-2", "Saudi Arabia", "语聊房", "回声"),
            row("T-3", "印尼", "1v1视频社交", "video freeze"),
            row("T-4", "sa", "Game Voice", "弱网"),
        ],
    )
    assert imported(folder) == {
        "T-1": {"region": "SA", "scenario": "show_live", "category": "push_failure"},
        "T-2": {"region": "SA", "scenario": "voice_room", "category": "echo_howling"},
        "T-3": {"region": "ID", "scenario": "one_to_one_social", "category": "video_freeze"},
        "T-4": {"region": "SA", "scenario": "game_voice", "category": "network_weak"},
    }


def test_values_tables_map_the_exports_own_names(tmp_path):
    values = (
        '[values.scenario]\n"语聊" = "voice_room"\n'
        '[values.category]\n"推流断开" = "stream_disconnect"\n'
        '[values.region]\n"利雅得" = "SA"\n'
    )
    folder = export(tmp_path, [row("T-1", "利雅得", "语聊", "推流断开")], values)
    assert imported(folder) == {
        "T-1": {"region": "SA", "scenario": "voice_room", "category": "stream_disconnect"},
    }


def test_values_outside_the_taxonomy_are_errors_naming_row_and_nearest(tmp_path):
    folder = export(
        tmp_path,
        [row("T-1", "SA", "秀场直播", "推流断开"), row("T-2", "沙特阿拉比亚", "语聊", "噪音")],
    )
    with pytest.raises(SourceError) as error:
        imported(folder)
    assert str(error.value).splitlines()[:4] == [
        "Nothing was imported: 3 problems.",
        "export.csv, row 1, column '问题分类': '推流断开' is not a known category; nearest: "
        "push_failure, cdn_relay_fault, stream_disconnect.",
        "export.csv, row 2, column '业务场景': '语聊' is not a known scenario; nearest: "
        "voice_room, show_live, other.",
        "export.csv, row 2, column '地区': '沙特阿拉比亚' is not an ISO 3166-1 alpha-2 "
        "country code (e.g. SA).",
    ]


def test_a_region_value_must_map_to_a_country_code(tmp_path):
    path = tmp_path / "map.toml"
    path.write_text(
        "[events]\nkind = 'customer_message'\n[events.columns]\nticket_id = 't'\nts = 'a'\n"
        "[values.region]\n'Riyadh' = 'Saudi'\n",
        encoding="utf-8",
    )
    with pytest.raises(SettingsError) as error:
        load_mapping(path)
    assert str(error.value) == (
        "map.toml, key 'values.region.Riyadh': 'Saudi' is not an ISO 3166-1 alpha-2 country "
        "code (e.g. SA)."
    )


def test_the_built_in_names_follow_the_taxonomy():
    import yaml

    from supportgauge.sources.value_names import categories, category_names

    root = Path(__file__).parents[2] / "src" / "supportgauge"
    taxonomy = yaml.safe_load((root / "text" / "taxonomy.yaml").read_text(encoding="utf-8"))
    names = yaml.safe_load((root / "sources" / "value_names.yaml").read_text(encoding="utf-8"))
    assert categories() == tuple(taxonomy["categories"])
    for key, category in taxonomy["categories"].items():
        assert names["categories"][key] == {"en": category["en"], "zh": category["zh"]}
    assert category_names()["推流失败"] == "push_failure"
