"""The session-scoped fixtures of the pytest plugin, used as a user's suite uses them: a pytest run
in a subprocess, on a test file of its own (the plugin is found through its ``pytest11`` entry point)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

USERS_TESTS = '''
import requests

seen = []
uuids = []


def test_one(pubnub_session_server, pubnub_session_config, pubnub_faults):
    seen.append(pubnub_session_server)
    uuids.append(pubnub_session_config.uuid)
    assert pubnub_session_config.origin == pubnub_session_server.origin
    assert pubnub_faults is pubnub_session_server.faults
    pubnub_faults.add("5xx", operation="time")  # not removed here: the fixture does it
    url = "http://%s" % pubnub_session_server.origin
    assert requests.get(url + "/time/0", timeout=5).status_code == 503
    assert requests.get(url + "/publish/demo/demo/0/kept/0/1", timeout=5).status_code == 200


def test_two(pubnub_session_server, pubnub_session_config, pubnub_faults):
    assert seen == [pubnub_session_server]  # the same server
    assert len(pubnub_faults) == 0  # the first test's fault ended with it
    url = "http://%s" % pubnub_session_server.origin
    assert requests.get(url + "/time/0", timeout=5).status_code == 200
    history = requests.get(url + "/v2/history/sub-key/demo/channel/kept", timeout=5).json()
    assert history[0] == [1]  # what the first test stored is still there
    assert pubnub_session_config.origin == pubnub_session_server.origin
    assert pubnub_session_config.uuid not in uuids  # a fresh uuid per test


def test_three_direct_faults_end_with_the_test_too(pubnub_session_server, pubnub_faults):
    pubnub_session_server.faults.add("reset:time")


def test_four(pubnub_session_server):
    url = "http://%s" % pubnub_session_server.origin
    assert requests.get(url + "/time/0", timeout=5).status_code == 200
'''


def test_one_server_for_the_session_and_faults_reset_per_test(tmp_path: Any) -> None:
    (tmp_path / "test_users_suite.py").write_text(textwrap.dedent(USERS_TESTS))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=str(tmp_path), capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout, done.stdout
