"""Every example runs as a user runs it: ``python examples/NAME.py``, offline, finishing by itself.

Each example is a subprocess with the PubNub keys removed from its environment (so it starts
its local server), a timeout, and checks on what it printed that prove it did its work: the
published text came back, the refusal was ``PNAccessDeniedCategory``, the downloaded file is
the one sent ... The subprocesses are started together (they mostly wait on I/O) when the
first test needs one; each test then waits for its own.
"""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TIMEOUT = 60.0

#: Every command a test below checks, started all at once by the ``runs`` fixture.
COMMANDS: Dict[str, List[str]] = {
    "reactions": [str(EXAMPLES / "reactions.py")],
    "tornado_web_app": [str(EXAMPLES / "tornado_web_app.py")],
    "plain_client": [str(EXAMPLES / "plain_client.py")],
    "presence": [str(EXAMPLES / "presence.py")],
    "access_manager": [str(EXAMPLES / "access_manager.py")],
    "files": [str(EXAMPLES / "files.py")],
    "testing_your_app": ["-m", "pytest", "examples/testing_your_app", "-q", "-p", "no:cacheprovider"],
}


def offline_environment() -> Dict[str, str]:
    """This environment without PubNub keys: the examples must then use their local server."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PUBNUB_")}


def run(args: List[str]) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=offline_environment(), capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def runs() -> Iterator[Dict[str, "Future[subprocess.CompletedProcess[str]]"]]:
    with ThreadPoolExecutor(len(COMMANDS)) as pool:
        yield {name: pool.submit(run, args) for name, args in COMMANDS.items()}


def finished(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"], name: str) -> str:
    """The stdout of a command that exited with 0 and wrote no traceback."""
    done = runs[name].result(TIMEOUT)
    assert done.returncode == 0, "%s exited with %d\n%s\n%s" % (name, done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def assert_in_order(text: str, *parts: str) -> None:
    """Each part occurs in ``text``, after the previous one."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, "%r not found (in order) in:\n%s" % (part, text)
        position = found + len(part)


def test_reactions(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "reactions")
    assert "using a local PubNub-compatible server" in out
    assert_in_order(out, "[alice live] message from bob: {'text': 'Lunch at noon?'}",
                    "reactions on the message: thumbs_up, smiley_face",
                    "[alice live] action removed by carol: reaction=thumbs_up",
                    "actions={'reaction': {'smiley_face':", "Done.")


def test_tornado_web_app_self_test(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "tornado_web_app")
    published = re.search(r'POST /messages +-> 200 \{"timetoken": (\d+)\}', out)
    assert published, out
    timetoken = published.group(1)
    assert_in_order(out, '"message": {"text": "Hello from the web app"}',  # received by the subscription
                    'POST /messages/%s/reactions' % timetoken, '-> 200 {"value": "thumbs_up"',
                    'GET  /messages/%s/reactions' % timetoken,
                    '{"reactions": [{"value": "thumbs_up", "by": "web-app"}]}',
                    '{"messages": [{"timetoken": %s, "message": {"text": "Hello from the web app"}}]}' % timetoken,
                    "-> 400 {\"error\": \"'text' is required\"}", "Self-test passed.",
                    "[subscription] PNAcknowledgmentCategory PNUnsubscribeOperation")  # its leave answered
    assert "PNNetworkIssuesCategory" not in out


def test_tornado_web_app_serves_until_interrupted() -> None:
    server = subprocess.Popen([sys.executable, "-u", str(EXAMPLES / "tornado_web_app.py"), "--port", "0"],
                              cwd=ROOT, env=offline_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        with ThreadPoolExecutor(1) as pool:
            def serving_url() -> str:
                assert server.stdout is not None
                for line in server.stdout:
                    if line.startswith("Serving on "):
                        return line.split()[2]
                raise AssertionError("the app ended without serving")
            url = pool.submit(serving_url).result(TIMEOUT)
        request = urllib.request.Request(url + "/messages", data=b'{"text": "over HTTP"}', method="POST")
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            assert answer.status == 200 and b'"timetoken"' in answer.read()
        with urllib.request.urlopen(url + "/messages/history", timeout=TIMEOUT) as answer:
            assert b'"over HTTP"' in answer.read()
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=TIMEOUT)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert server.returncode == 0, err
    assert "Traceback" not in err, err
    assert "200 POST /messages" in err  # the access log


def test_plain_client(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "plain_client")
    assert_in_order(out, "reader subscribed to examples.plain",
                    "sync publish:   PNAcknowledgmentCategory PNPublishOperation (HTTP 200), timetoken 1",
                    "reader got:     {'text': 'hello, sync'} from writer",
                    "async publish:  PNAcknowledgmentCategory PNPublishOperation (HTTP 200), timetoken 1",
                    "reader got:     {'text': 'hello, async'} from writer",
                    "history:        ['hello, sync', 'hello, async']",
                    "here_now:       examples.plain has 1 occupant(s): reader",
                    "refused:        Channel missing",
                    "reader left examples.plain")


def test_presence(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "presence")
    state = "{'mood': 'curious', 'typing': False}"
    assert_in_order(out, "bob joins examples.lobby",
                    "[alice] presence: join         uuid=bob occupancy=2",
                    "set_state answered %s" % state,
                    "[alice] presence: state-change uuid=bob occupancy=2 state=%s" % state,
                    "here_now examples.lobby: occupancy 2", "alice state=None", "bob state=%s" % state,
                    "bob leaves", "[alice] presence: leave        uuid=bob occupancy=1",
                    "here_now examples.lobby: occupancy 1", "alice state=None",
                    "[alice] status PNAcknowledgmentCategory PNUnsubscribeOperation (HTTP 200)", "Done.")
    assert "PNNetworkIssuesCategory" not in out  # every leave answered before the server stops
    assert "   bob state=" not in out.split("bob leaves", 1)[1]  # once he left, here_now no longer lists him


def test_access_manager(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "access_manager")
    refused = "REFUSED: category=PNAccessDeniedCategory operation=PNPublishOperation status_code=403"
    assert_in_order(out, "granted on examples.private to bob-auth: read=True write=True for 5 minutes",
                    "bob     publish  allowed: PNAcknowledgmentCategory PNPublishOperation (HTTP 200)",
                    "bob     history  allowed:", "messages: ['hi from bob']",
                    "carol   history  allowed:", "messages: ['hi from bob']",
                    "carol   publish  " + refused, "Access Manager says Forbidden: {'channels': ['examples.private']}",
                    "mallory publish  " + refused,
                    "mallory history raised PubNubException: PNAccessDeniedCategory",
                    "admin revokes bob's grant", "bob     publish  " + refused, "Done.")
    # Secrets stay secret: no long word mixing letters and digits (a key, a token, a signature).
    assert not re.search(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}", out), out
    assert re.search(r"token \w{6}\.\.\.\(\d+ characters\)", out), out


def test_files(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "files")
    content = b"Minutes of the meeting\n- lunch at noon\n- ship on Friday\n"  # what examples/files.py sends
    sent = re.search(r"send_file: +stored minutes\.txt as id ([\w-]+), file message timetoken \d+", out)
    assert sent, out
    file_id = sent.group(1)
    assert_in_order(out, "file event:    minutes.txt from file-sharer: {'text': \"today's minutes\"}",
                    "list_files:    minutes.txt (%d bytes, id %s)" % (len(content), file_id),
                    "get_file_url:  http://127.0.0.1:", "/%s/minutes.txt" % file_id,
                    "download_file: %d bytes, sha256 %s, identical to what was sent: True"
                    % (len(content), hashlib.sha256(content).hexdigest()[:16]),
                    "delete_file:   done; the channel now has 0 file(s)")


def test_testing_your_app(runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    out = finished(runs, "testing_your_app")
    assert re.search(r"^4 passed(, \d+ warnings?)? in ", out, re.MULTILINE), out  # no failure, no error, no skip
