"""Every command, option and setting a user can type is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup

from supportgauge.cli import app
from supportgauge.settings import SETTINGS, Setting

ROOT = Path(__file__).parents[1]
DOCS = "\n".join(
    path.read_text(encoding="utf-8") for path in [ROOT / "README.md", *ROOT.glob("docs/*.md")]
)


def _commands(group: TyperGroup, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(command, TyperGroup):
            found.extend(_commands(command, f"{path} "))
        else:
            found.append((path, command))
    return found


COMMANDS = _commands(typer.main.get_group(app))


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_every_command_is_in_the_readme(path: str) -> None:
    assert f"supportgauge {path}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "option",
    sorted(
        {
            opt
            for _, command in COMMANDS
            for param in command.params
            for opt in param.opts
            if opt.startswith("--") and opt != "--help"
        }
    ),
)
def test_every_option_is_documented(option: str) -> None:
    assert option in DOCS


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: f"{s.section}.{s.key}")
def test_every_setting_is_documented(setting: Setting) -> None:
    assert f"`{setting.key}`" in (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.splitlines()]
    assert [c for c in commands if c.startswith("make")] == ["make demo", "make test"]


def test_every_per_ticket_field_is_defined_in_the_metrics_docs() -> None:
    from supportgauge.metrics.ticket_metrics import TICKET_FIELDS

    metrics_doc = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert [field for field in TICKET_FIELDS if f"`{field}`" not in metrics_doc] == []
