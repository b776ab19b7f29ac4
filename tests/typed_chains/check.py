"""Check that builder chains are typed: run mypy (strict) on ``chains.py`` and compare.

Run by .ci/run with the dev tools installed (``pip install -e '.[dev]'``): mypy is not part of
the test extra, so this is not a pytest test (the README's test command would lack it).

    .venv/bin/python tests/typed_chains/check.py

Every ``reveal_type(...)`` in chains.py follows ``# revealed: <type>``: mypy must reveal exactly
that type, and no revealed type may mention ``Any``. Every line that must be refused carries
``# error: <code>``: mypy must report exactly those errors and no other.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

from mypy import api

HERE = Path(__file__).resolve().parent
SNIPPET = HERE / "chains.py"
ROOT = HERE.parents[1]
OUTPUT = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>note|error): (?P<text>.*?)(?:  \[(?P<code>[\w-]+)\])?$")


def expectations() -> Tuple[Dict[int, str], Set[Tuple[int, str]]]:
    revealed: Dict[int, str] = {}
    errors: Set[Tuple[int, str]] = set()
    pending: List[str] = []  # the expectation for the next code line
    for number, line in enumerate(SNIPPET.read_text().splitlines(), start=1):
        text = line.strip()
        if text.startswith("# revealed: "):
            pending = [text[len("# revealed: "):]]
        elif text.startswith("#     ") and pending:
            pending.append(text[1:].strip())
        elif text:
            if pending:
                revealed[number] = " ".join(pending)
                pending = []
            if "# error: " in line:
                errors.add((number, line.split("# error: ", 1)[1].strip()))
    return revealed, errors


def main() -> int:
    os.chdir(ROOT)  # mypy reads setup.cfg there, and the snippet imports the working tree
    stdout, stderr, _ = api.run(["--strict", "--show-error-codes", "--no-error-summary",
                                 str(SNIPPET.relative_to(ROOT))])
    if stderr.strip():
        print(stderr, file=sys.stderr)
        return 1
    expected_reveals, expected_errors = expectations()
    problems: List[str] = []
    seen_reveals: Dict[int, str] = {}
    seen_errors: Set[Tuple[int, str]] = set()
    for raw in stdout.splitlines():
        match = OUTPUT.match(raw)
        if match is None or Path(match["file"]).name != SNIPPET.name:
            problems.append("unexpected output: %s" % raw)
            continue
        line = int(match["line"])
        text = match["text"]
        if match["kind"] == "note" and text.startswith("Revealed type is "):
            seen_reveals[line] = text[len("Revealed type is "):].strip('"')
        elif match["kind"] == "error":
            seen_errors.add((line, match["code"] or "?"))
            if (line, match["code"]) not in expected_errors:
                problems.append("line %d: unexpected error: %s" % (line, text))
    for line, expected in sorted(expected_reveals.items()):
        got = seen_reveals.get(line)
        if got != expected:
            problems.append("line %d: revealed %s, expected %s" % (line, got, expected))
    for line, got in sorted(seen_reveals.items()):
        if re.search(r"\bAny\b", got):
            problems.append("line %d: revealed type mentions Any: %s" % (line, got))
        if line not in expected_reveals:
            problems.append("line %d: reveal_type without a '# revealed:' comment (%s)" % (line, got))
    for line, code in sorted(expected_errors - seen_errors):
        problems.append("line %d: expected error [%s] not reported" % (line, code))
    for problem in problems:
        print(problem, file=sys.stderr)
    print("typed chains: %d revealed types, %d refusals: %s" % (
        len(expected_reveals), len(expected_errors), "%d problem(s)" % len(problems) if problems else "as expected"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
