"""The documentation stays true to the code: README.md stays a newcomer's first page (under 300 lines,
with the two set-up commands CI runs), the site in docs/ builds with `mkdocs build --strict` (a
broken link, anchor or a page left out of the nav fails), and every `fivelayer` command the README
and the pages show names a real command, its real options and, in code blocks, arguments the CLI
parses. The commands are parsed by the CLI's own Click command (typer.main.get_command), never run;
it is read by duck typing, since Typer 0.24 and later carry their own copy of Click (typer._click)."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from fivelayer.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
Command = Any  # a Click command or group, of whichever Click Typer brings
CLI: Command = typer.main.get_command(app)
FENCE = re.compile(r"^\s*```")
SHELL_OPERATORS = {";", "&&", "||", "|", "&", "(", ")", ">", ">>", "<"}


def _split_fenced(text: str) -> tuple[list[str], str]:
    """The lines inside fenced code blocks, and the prose with those blocks taken out."""
    code: list[str] = []
    prose: list[str] = []
    inside = False
    for line in text.splitlines():
        if FENCE.match(line):
            inside = not inside
        elif inside:
            code.append(line)
        else:
            prose.append(line)
    assert not inside, "a code fence is left open"
    return code, "\n".join(prose)


def _is_fivelayer(word: str) -> bool:
    return word == "fivelayer" or word.endswith("/fivelayer")


def shown_commands(lines: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Each `fivelayer ...` invocation on a command line of a code block (a `$ ` prompt, or a line
    that starts with the command), split into words as a shell would, without its comment."""
    for line in lines:
        text = line.strip()
        if text.startswith("$ "):
            text = text[2:]
        elif not _is_fivelayer(text.split(" ", 1)[0]):
            continue
        lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        segment: list[str] = []
        for word in [*lexer, ";"]:
            if word not in SHELL_OPERATORS:
                segment.append(word)
                continue
            while segment and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", segment[0]):  # VAR=value fivelayer ...
                segment.pop(0)
            if segment and _is_fivelayer(segment[0]):
                yield text, segment[1:]
            segment = []


def _is_group(command: Command) -> bool:
    return hasattr(command, "list_commands")


def _context(command: Command, name: str, parent: Any = None) -> Any:
    return command.context_class(command, info_name=name, parent=parent)


def _option(command: Command, flag: str) -> Any:
    for param in command.params:
        if param.param_type_name == "option" and flag in (*param.opts, *param.secondary_opts):
            return param
    return None


def _group_options(group: Command, words: list[str]) -> tuple[list[str], list[str]]:
    """Check the options given to a group before its subcommand; return (problems, words left)."""
    problems: list[str] = []
    while words and words[0].startswith("-"):
        flag = words.pop(0)
        option = _option(group, flag.split("=", 1)[0])
        if option is None:
            problems.append(f"{group.name} has no option {flag}")
        elif not option.is_flag and "=" not in flag and words:
            words.pop(0)
    return problems, words


def check_invocation(words: list[str]) -> list[str]:
    """Parse the words after `fivelayer` as the CLI would: each group's options, the subcommand path,
    then the command's own options and arguments (types and choices included). Returns problems."""
    command = CLI
    parent = _context(CLI, "fivelayer")
    path = ["fivelayer"]
    words = list(words)
    while _is_group(command):
        problems, words = _group_options(command, words)
        if problems:
            return problems
        if not words:
            if command.invoke_without_command:
                return []
            return [f"`{' '.join(path)}` needs a subcommand ({', '.join(command.list_commands(parent))})"]
        name = words.pop(0)
        sub = command.get_command(parent, name)
        if sub is None:
            return [f"`{' '.join(path)}` has no subcommand {name!r} ({', '.join(command.list_commands(parent))})"]
        path.append(name)
        if _is_group(sub):
            parent = _context(sub, name, parent)
        command = sub
    try:
        command.make_context(path[-1], words, parent=parent)
    except Exception as error:  # Click's UsageError family (bad option, argument or value); Exit for --help
        if type(error).__name__ == "Exit":
            return []
        if not hasattr(error, "format_message"):
            raise
        return [f"`{' '.join(path)}`: {error.format_message()}"]
    return []


def check_synopsis(words: list[str]) -> list[str]:
    """A command shown in prose, possibly with placeholders (`broker vote ACCOUNT FORM|ACTION ...`,
    `[--json]`): the subcommand path must exist and every `--option` in it must be the command's."""
    command = CLI
    context = _context(CLI, "fivelayer")
    words = [word.strip("[](),.;:") for word in words]
    words = [word for word in words if word and word != "\\|"]
    while _is_group(command):
        problems, words = _group_options(command, words)
        if problems:
            return problems
        if not words:
            return []
        names = words.pop(0).replace("\\|", "|").split("|")  # `announce dividend|split|meeting`
        subs = [command.get_command(context, name) for name in names]
        if any(sub is None for sub in subs) or not subs:
            return [f"`{command.name}` has no subcommand {'|'.join(names)!r}"]
        command = subs[0]
        context = _context(command, names[0], context)
    return [f"`{command.name}` has no option {word}" for word in words
            if word.startswith("--") and _option(command, word.split("=", 1)[0]) is None]


def _first_cell(row: str) -> str:
    """A Markdown table row's first cell; a pipe inside a code span (`buy|sell`) does not end it."""
    in_code = False
    for i, char in enumerate(row[1:], start=1):
        if char == "`":
            in_code = not in_code
        elif char == "|" and not in_code and row[i - 1] != "\\":
            return row[1:i]
    return row[1:]


def synopses(prose: str) -> Iterator[list[str]]:
    """The `fivelayer ...` code spans in prose; in a table row that starts with one (the CLI
    reference), the row's other spans are read as commands of the same group or of the CLI."""
    top_level = set(CLI.list_commands(_context(CLI, "fivelayer")))
    for line in prose.splitlines():
        spans = re.findall(r"`([^`]+)`", _first_cell(line) if line.startswith("| `fivelayer") else "")
        if not spans:
            continue
        first = spans[0].split()
        group = first[1] if len(first) > 1 and _is_group(CLI.get_command(_context(CLI, "fivelayer"), first[1])) \
            else ""
        for span in spans[1:]:
            words = span.split()
            if not words or words[0].startswith("-") or _is_fivelayer(words[0]):
                continue
            yield words if words[0] in top_level or not group else [group, *words]
    for span in re.findall(r"`([^`]+)`", prose):
        words = span.split()
        if words and _is_fivelayer(words[0]):
            yield words[1:]


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
    assert (tmp_path / "site" / "index.html").is_file()
    for page in (ROOT / "docs").glob("*.md"):
        built = tmp_path / "site" / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        assert built.is_file(), f"{page.name} was not built"


def test_readme_is_a_short_first_page_with_the_two_commands() -> None:
    text = README.read_text()
    lines = text.splitlines()
    assert len(lines) < 300, f"README.md has {len(lines)} lines; move the rest into docs/"
    code, _ = _split_fenced(text)
    assert any(line.strip().startswith("make up") for line in code), "README.md must show `make up`"
    assert any(line.strip().startswith("make test") for line in code), "README.md must show `make test`"
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    for line in ci:
        if line.strip().startswith("make test"):
            assert line.strip() in text, f".ci/run runs `{line.strip()}`, which README.md does not show"
    assert "mkdocs serve" in text or "make docs" in text, "README.md must say how to read the site"


def test_readme_links_resolve() -> None:
    _, prose = _split_fenced(README.read_text())
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose):
        if "://" not in target:
            assert (ROOT / target).exists(), f"README.md links to {target}, which does not exist"


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_every_fivelayer_command_shown_is_real(page: Path) -> None:
    code, prose = _split_fenced(page.read_text())
    problems = [f"{shown}: {problem}" for shown, words in shown_commands(code)
                for problem in check_invocation(words)]
    problems += [problem for words in synopses(prose) for problem in check_synopsis(words)]
    assert not problems, f"{page.name} shows commands the CLI does not have:\n" + "\n".join(problems)


def test_the_checks_catch_a_wrong_command() -> None:
    """The checks above can fail: a misspelt subcommand, an unknown option, a missing argument."""
    commands = dict(shown_commands(["$ fivelayer exchnage buy usr-000001 AAPLx 1",
                                    "fivelayer clock advance --until 2026-11-23T15:00:00Z  # comment",
                                    "$ sleep 1; fivelayer rights",
                                    "$ fivelayer --port-base 5 drill run halt-of-mint --seed 1 | tail -2"]))
    assert len(commands) == 4
    assert all(check_invocation(words) for words in list(commands.values())[:3])
    assert check_invocation(list(commands.values())[3]) == []
    assert check_synopsis("broker vote ACCOUNT FORM\\|ACTION PROPOSAL for\\|against".split()) == []
    assert check_synopsis("broker tally ACTION [--lines]".split()) == []
    assert check_synopsis("broker tally ACTION [--line]".split())
    assert check_synopsis("depository announce dividend\\|split\\|meeting".split()) == []
    assert check_synopsis("depository announce dividend\\|spilt".split())
    row = "| `fivelayer perps markets`, `order USER SYMBOL buy|sell SIZE [--leverage N]`, `desk` | perpetuals |"
    assert _first_cell(row) == " `fivelayer perps markets`, `order USER SYMBOL buy|sell SIZE [--leverage N]`, `desk` "
    assert list(synopses(row)) == [["perps", "order", "USER", "SYMBOL", "buy|sell", "SIZE", "[--leverage", "N]"],
                                   ["perps", "desk"], ["perps", "markets"]]
