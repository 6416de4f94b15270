"""`supportgauge classify`: label reply texts the way a support manager reads them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer

from supportgauge.cli.app import app, console, reports_errors
from supportgauge.cli.render import emit
from supportgauge.errors import SourceError, SupportGaugeError
from supportgauge.text import classify_table, classify_texts
from supportgauge.text.reply_input import parse_reply_lines


@app.command("classify")
@reports_errors
def classify_command(
    source: Annotated[
        str, typer.Argument(help='JSON Lines file of {"id": .., "text": ..}, or - for stdin.')
    ] = "-",
    output_format: Annotated[
        str, typer.Option("--format", help="Output: jsonl (default) or table.")
    ] = "jsonl",
    explain: Annotated[
        bool, typer.Option("--explain", help="Add the words that triggered each label.")
    ] = False,
) -> None:
    """Label replies: acknowledgement only, deferral, generic advice, diagnosis, ETA, ..."""
    if output_format not in ("jsonl", "table"):
        raise SupportGaugeError(f"--format {output_format}: use jsonl or table.")
    if source == "-":
        replies = parse_reply_lines(sys.stdin, source="standard input")
    else:
        path = Path(source)
        if not path.is_file():
            raise SourceError(f"{source}: no such file.")
        with path.open(encoding="utf-8") as handle:
            replies = parse_reply_lines(handle, source=path.name)
    ids = [reply.id for reply in replies]
    if explain:
        readings = classify_texts(
            [r.text for r in replies], category_hints=[r.category_hint for r in replies]
        )
        table = pa.table(
            {
                "id": pa.array([str(i) for i in ids]),
                "labels": [list(r.labels) for r in readings],
                "terms": [list(r.terms) for r in readings],
                "category": [r.category for r in readings],
                "evidence": [
                    [{"label": k, "phrases": list(v)} for k, v in r.evidence.items()]
                    for r in readings
                ],
            }
        )
    else:
        read = classify_table([reply.text for reply in replies])
        table = pa.table({"id": pa.array([str(i) for i in ids])}).append_column(
            "labels", read["labels"]
        )
        table = table.append_column("terms", read["terms"]).append_column(
            "category", read["category"]
        )
    if output_format == "jsonl" and all(isinstance(i, int) for i in ids):
        # Keep numeric ids numeric, as they came in.
        table = table.set_column(0, "id", pa.array(ids, pa.int64()))
    emit(table, output_format=output_format, console=console, limit=None, title="Replies read")
