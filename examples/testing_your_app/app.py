"""A small application that uses PubNub: a notice board kept on a channel.

This is the code under test in ``test_app.py``. It knows nothing about tests: it is given a
``PubNub`` client, whatever that client is configured to talk to.
"""
from __future__ import annotations

from typing import Any, Callable

from pubnub.callbacks import SubscribeCallback
from pubnub.pubnub import PubNub


class NoticeBoard:
    """Post notices to a channel, read the latest ones back from its history, follow new ones live."""

    def __init__(self, pubnub: PubNub, channel: str = "notices") -> None:
        self.pubnub = pubnub
        self.channel = channel

    def post(self, author: str, text: str) -> int:
        """Publish a notice; returns its timetoken. Raises ``PubNubException`` when refused."""
        if not text.strip():
            raise ValueError("a notice needs some text")
        envelope = self.pubnub.publish().channel(self.channel).message({"author": author, "text": text}).sync()
        return int(envelope.result.timetoken)

    def latest(self, count: int = 10) -> list[str]:
        """The last ``count`` notices, oldest first, as ``"author: text"`` lines."""
        history = self.pubnub.history().channel(self.channel).count(count).sync().result
        return ["%s: %s" % (item.entry["author"], item.entry["text"]) for item in history.messages]

    def follow(self, on_notice: Callable[[str], None]) -> None:
        """Call ``on_notice("author: text")`` for every notice posted from now on (until ``stop()``).

        A dropped connection is the client's business: with a reconnection policy in its
        configuration it reconnects by itself and catches up on what was posted meanwhile.
        """
        self.pubnub.add_listener(_Notices(self.channel, on_notice))
        self.pubnub.subscribe().channels(self.channel).execute()

    def stop(self) -> None:
        """Stop following (and the client's threads)."""
        self.pubnub.stop()


class _Notices(SubscribeCallback):
    def __init__(self, channel: str, on_notice: Callable[[str], None]) -> None:
        self.board_channel = channel  # (not "channel": that is the listener's channel-event method)
        self.on_notice = on_notice

    def message(self, pubnub: Any, message: Any) -> None:
        if message.channel == self.board_channel:
            self.on_notice("%s: %s" % (message.message["author"], message.message["text"]))
