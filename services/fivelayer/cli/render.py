"""Printing answers: JSON for scripts (`--json`), compact text for people."""
from __future__ import annotations

import json
import sys
from typing import Any

import typer
from google.protobuf.message import Message
from rich import box
from rich.console import Console
from rich.table import Table

# Piped output (scripts, logs, the README) is not cut to 80 columns.
console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def emit(message: Message | dict[str, Any], as_json: bool, human: Any = None) -> None:
    """Print `message` as JSON, or through `human(data)`, or as indented key: value lines."""
    from fivelayer.kernel.rest import to_json  # FastAPI comes with it: not loaded for `up`, which prints no message

    data = to_json(message) if isinstance(message, Message) else message
    if as_json:
        typer.echo(json.dumps(data, indent=2, sort_keys=True))
    elif human is not None:
        human(data)
    else:
        _lines(data)


def _lines(data: Any, indent: int = 0) -> None:
    pad = "  " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (dict, list)) and value:
                typer.echo(f"{pad}{key}:")
                _lines(value, indent + 1)
            else:
                typer.echo(f"{pad}{key}: {value}")
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                typer.echo(f"{pad}-")
                _lines(item, indent + 1)
            else:
                typer.echo(f"{pad}- {item}")


def table(rows: list[dict[str, Any]], columns: list[str] | dict[str, str], title: str = "") -> None:
    """Rows as a table; `columns` is a list of keys or a {key: header} mapping for short headers."""
    headers = columns if isinstance(columns, dict) else {c: c for c in columns}
    grid = Table(title=title or None, box=box.SIMPLE_HEAD)
    for header in headers.values():
        grid.add_column(header, overflow="fold")
    for row in rows:
        grid.add_row(*(str(row.get(c, "")) for c in headers))
    console.print(grid)
