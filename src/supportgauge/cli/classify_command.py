"""`supportgauge classify`: label reply texts the way a support manager reads them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer

from supportgauge.cli.app import app, console, reports_errors
from supportgauge.cli.render import emit
from supportgauge.errors import InputError, SourceError
from supportgauge.gauge import Gauge
from supportgauge.plurals import count_of
from supportgauge.text.evaluation import evaluation_table, load_labelled_replies
from supportgauge.text.reply_input import ReplyText, parse_reply_lines, read_utf8_lines

FORMATS = ("jsonl", "table")
COLUMNS = ["id", "labels", "terms", "category"]


@app.command("classify")
@reports_errors
def classify_command(
    source: Annotated[
        str, typer.Argument(help='JSON Lines file of {"id": .., "text": ..}, or - for stdin.')
    ] = "-",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Output: jsonl or table (default jsonl; table with --evaluate).",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Add the clauses and words behind each label.")
    ] = False,
    evaluate: Annotated[
        Path | None,
        typer.Option(
            "--evaluate",
            metavar="PATH",
            help='Your own labelled replies (JSON Lines with "id", "text", "labels", optional '
            '"lang", "source", "split"): print precision and recall per label.',
            show_default=False,
        ),
    ] = None,
) -> None:
    """Label replies: acknowledgement only, deferral, generic advice, diagnosis, ETA, ..."""
    chosen = output_format or ("table" if evaluate is not None else "jsonl")
    if chosen not in FORMATS:
        raise InputError(
            f"'{chosen}' is not an output format; use jsonl or table.", parameter="format"
        )
    if evaluate is not None:
        _evaluate(evaluate, output_format=chosen)
        return
    replies = _read_replies(source)
    ids = [reply.id for reply in replies]
    table = _readings(replies, explain=explain)
    if chosen == "table":
        table = _for_terminal(table)
    elif all(isinstance(i, int) for i in ids):
        # Keep numeric ids numeric, as they came in.
        table = table.set_column(0, "id", pa.array(ids, pa.int64()))
    emit(table, output_format=chosen, console=console, limit=None, title="Replies read")


def _read_replies(source: str) -> list[ReplyText]:
    if source == "-":
        try:
            text = sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError:
            raise SourceError(
                "standard input is not UTF-8 text. Convert it first, e.g. from GBK: "
                "iconv -f GBK -t UTF-8."
            ) from None
        return parse_reply_lines(text.splitlines(), source="standard input")
    path = Path(source)
    if not path.is_file():
        raise SourceError(f"{source}: no such file.")
    return parse_reply_lines(read_utf8_lines(path), source=path.name)


def _readings(replies: list[ReplyText], *, explain: bool) -> pa.Table:
    ids = pa.array([str(reply.id) for reply in replies])
    if not explain:
        read = Gauge.classify_table([reply.text for reply in replies])
        return pa.table(
            {
                "id": ids,
                "labels": read["labels"],
                "terms": read["terms"],
                "category": read["category"],
            }
        )
    readings = Gauge.classify(
        [r.text for r in replies], category_hints=[r.category_hint for r in replies]
    )
    return pa.table(
        {
            "id": ids,
            "labels": [list(r.labels) for r in readings],
            "terms": [list(r.terms) for r in readings],
            "category": [r.category for r in readings],
            "evidence": [
                [
                    {
                        "label": label,
                        "phrases": list(phrases),
                        "clauses": list(r.clauses.get(label, ())),
                    }
                    for label, phrases in r.evidence.items()
                ]
                for r in readings
            ],
        }
    )


def _for_terminal(table: pa.Table) -> pa.Table:
    """Lists as comma-separated words; evidence as "label: phrases" lines, each clause below."""
    columns = {}
    for name in table.column_names:
        values = table[name].to_pylist()
        if name in ("labels", "terms"):
            values = [", ".join(v) for v in values]
        elif name == "evidence":
            values = ["\n".join(_evidence_lines(e) for e in items) for items in values]
        columns[name] = pa.array(values, pa.string())
    return pa.table(columns)


def _evidence_lines(evidence: dict[str, list[str]]) -> str:
    lines = [f"{evidence['label']}: {', '.join(evidence['phrases'])}"]
    lines.extend(f"  « {clause} »" for clause in evidence["clauses"])
    return "\n".join(lines)


def _evaluate(path: Path, *, output_format: str) -> None:
    if not path.is_file():
        raise SourceError(f"{path}: no such file.")
    replies = load_labelled_replies(path)
    if not replies:
        raise SourceError(f"{path.name}: no labelled replies in it.")
    predicted = Gauge.classify_table([r.text for r in replies])["labels"].to_pylist()
    table = evaluation_table(replies, predicted)
    if output_format == "table":
        table = _figures_for_terminal(table)
    emit(
        table,
        output_format=output_format,
        console=console,
        limit=None,
        title=f"How the labels read {count_of(len(replies), 'reply', 'replies')} of {path.name}",
    )


def _figures_for_terminal(table: pa.Table) -> pa.Table:
    """Shares with two decimals ("-" when undefined) under short headers, to fit 80 columns."""
    headers = {"precision": "prec", "recall": "rec", "predicted": "pred"}
    columns = {}
    for name in table.column_names:
        values = table[name].to_pylist()
        if name in ("precision", "recall", "f1"):
            values = ["-" if v is None else f"{v:.2f}" for v in values]
        columns[headers.get(name, name)] = values
    return pa.table(columns)
