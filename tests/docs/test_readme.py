"""Every Python block of the README runs, and says what it shows.

The quickstart block is ``examples/quickstart.py`` word for word and runs offline as a program;
the subscribing block runs on a client connected to ``pubnub.testing``. A new block fails
``test_every_python_block_is_run_here`` until a test runs it.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado, SubscribeListener
from pubnub.testing import PubNubTestServer

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = ROOT / "examples" / "quickstart.py"


def python_blocks() -> List[str]:
    return re.findall(r"```python\n(.*?)```\n", (ROOT / "README.md").read_text(), re.S)


def quickstart_code() -> str:
    text = QUICKSTART.read_text()
    return text[text.index('"""\n', 10) + 4:]  # after the module docstring


def test_every_python_block_is_run_here() -> None:
    blocks = python_blocks()
    assert len(blocks) == 3, "a new README block needs a test here"
    assert blocks[0] == quickstart_code()
    assert "pubnub.add_listener(Listener())" in blocks[1]
    assert "PubNubAsyncio(config)" in blocks[2]


def test_asyncio_quickstart_block_runs_offline() -> None:
    done = subprocess.run([sys.executable, "-W", "error::ResourceWarning", "-c", python_blocks()[2]],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no traceback, no unclosed session or connector warning
    assert done.stdout.splitlines() == ["published: True False", "refused: Channel missing", "received: hello"]


def test_quickstart_runs_offline_and_prints_names() -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PUBNUB_")}
    done = subprocess.run([sys.executable, str(QUICKSTART)], capture_output=True, text=True, timeout=60,
                          env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no traceback, no warning at exit
    lines = done.stdout.splitlines()
    assert len(lines) == 3, done.stdout
    assert re.fullmatch(r"publish: PNPublishOperation PNAcknowledgmentCategory "
                        r"Publish success with timetoken \d{17}", lines[0])
    assert re.fullmatch(r"add_message_action: reaction smiley_face at \d{17}", lines[1])
    assert lines[2] == "get_message_actions: PNGetMessageActions PNAcknowledgmentCategory [('reaction', 'smiley_face')]"


@pytest.fixture
def server() -> Any:
    running = PubNubTestServer(long_poll_seconds=1.0)
    running.start_in_thread()
    yield running
    running.stop()


@pytest.mark.gen_test(timeout=20)
async def test_subscribing_block(server: Any) -> None:
    config = PNConfiguration()
    config.publish_key = config.subscribe_key = "demo"
    config.uuid = "reader"
    config.origin, config.ssl = server.origin, False
    pubnub = PubNubTornado(config)
    waiter = SubscribeListener()  # added after the block's listener, so it hears each event after it
    printed = io.StringIO()
    namespace: Dict[str, Any] = {"pubnub": pubnub}
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(python_blocks()[1], "README.md", "exec"), namespace)
            pubnub.add_listener(waiter)
            await waiter.wait_for_connect()
            await waiter.wait_for_presence_on("chats.room1")
            await pubnub.publish().channel("chats.room1").message({"text": "hi"}).meta({"lang": "en"}).result()
            await waiter.wait_for_message_on("chats.room1")
    finally:
        pubnub._subscription_manager.stop()
        await pubnub._subscription_manager._driver.join()
    assert printed.getvalue().splitlines() == [
        "connected to ['chats.room1', 'chats.room1-pnpres']",
        "join reader 1",
        "chats.room1 reader {'text': 'hi'} {'lang': 'en'}",
    ]
