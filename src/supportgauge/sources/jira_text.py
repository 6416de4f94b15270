"""Jira text fields: plain strings (REST v2) or Atlassian Document Format trees (REST v3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# ADF nodes that end a line of text.
_BLOCK_NODES = {"paragraph", "heading", "listItem", "codeBlock", "blockquote", "tableRow"}


def plain_text(value: Any) -> str | None:
    """The text of a Jira field, with Atlassian Document Format flattened to lines."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, Mapping):
        lines: list[str] = []
        _collect(value, lines, [])
        text = "\n".join(line.strip() for line in lines if line.strip())
        return text or None
    return str(value)


def _collect(node: Mapping[str, Any], lines: list[str], current: list[str]) -> None:
    node_type = node.get("type")
    if not isinstance(node_type, str):
        node_type = None
    if node_type == "text":
        current.append(str(node.get("text", "")))
        return
    if node_type == "hardBreak":
        lines.append("".join(current))
        current.clear()
        return
    if node_type == "mention":
        attrs = node.get("attrs")
        current.append(str(attrs.get("text", "")) if isinstance(attrs, Mapping) else "")
        return
    content = node.get("content")
    for child in content if isinstance(content, list) else []:
        if isinstance(child, Mapping):
            _collect(child, lines, current)
    if node_type in _BLOCK_NODES or node_type == "doc":
        lines.append("".join(current))
        current.clear()
