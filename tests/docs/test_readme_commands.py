"""Every shell command of the README runs as written (``python`` is this interpreter).

The two set-up commands (demo and tests) create a virtualenv: CI runs the test command verbatim
(``.ci/run``) and ``tests/examples`` runs the demo, so here they are only pinned. The local
server's commands run until the server says it listens (on a free port instead of 8090, which
may be taken); the others run to completion.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[2]
SETUP = [
    "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/python examples/reactions.py",
    "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && "
    ".venv/bin/python -m pytest -q -p no:cacheprovider",
]


def commands() -> List[str]:
    """The command lines of the README's ``sh`` blocks, comments dropped."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```\n", (ROOT / "README.md").read_text(), re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line and not line.startswith("#"):
                found.append(line)
    return found


def _argv(command: str) -> List[str]:
    argv = shlex.split(command)
    assert argv[0] == "python", command
    return [sys.executable, *argv[1:]]


def test_the_set_up_commands_are_the_ones_ci_and_the_tests_run() -> None:
    assert commands()[:2] == SETUP
    # CI runs the test command verbatim, with the interpreter it was given ($PYTHON, python3 by default)
    assert SETUP[1].replace("python3 ", "$PYTHON ", 1) in (ROOT / ".ci" / "run").read_text()


def test_every_other_command_runs() -> None:
    ran = []
    for command in commands()[2:]:
        if command.startswith("pip install"):
            continue  # what the set-up commands do, in a virtualenv
        argv = _argv(command)
        if argv[1:3] == ["-m", "pubnub.testing"]:
            argv = [arg if arg != "8090" else "0" for arg in argv]
            server = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            try:
                assert server.stdout is not None
                first = server.stdout.readline()  # blocks until the server is listening (or has died)
            finally:
                server.terminate()
                server.wait(10)
            assert re.match(r"PubNub test server on http://127\.0\.0\.1:\d+ \(origin 127\.0\.0\.1:\d+\)", first), first
        else:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=ROOT)
            assert done.returncode == 0 and "Traceback" not in done.stderr, (command, done.stderr)
        ran.append(command)
    assert len(ran) == 3, ran  # a new command needs a look here
