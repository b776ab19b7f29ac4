"""A small application that uses PubNub: a notice board kept on a channel.

This is the code under test in ``test_app.py``. It knows nothing about tests: it is given a
``PubNub`` client, whatever that client is configured to talk to.
"""
from __future__ import annotations

from pubnub.pubnub import PubNub


class NoticeBoard:
    """Post notices to a channel and read the latest ones back from its history."""

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
