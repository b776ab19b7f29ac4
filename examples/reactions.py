"""Message actions the way a chat app uses them: reactions and read receipts, live.

One client (``alice``) subscribes to a chat room and prints every live event. Two others publish
a message, react to it, mark it read, list the reactions of that one message, remove one
reaction, and finally fetch the message together with its actions. Every call uses
``.pn_async(callback)``, as the Message Actions documentation does, and prints the
``(envelope, status)`` pair it receives.

With no keys in the environment the demo starts ``pubnub.testing`` (a local PubNub-compatible
server) in-process and runs against it. With ``PUBNUB_PUBLISH_KEY`` and ``PUBNUB_SUBSCRIBE_KEY``
(and optionally ``PUBNUB_ORIGIN``) it talks to that service instead.

Run: ``python examples/reactions.py`` — it finishes by itself in a few seconds.
"""
from __future__ import annotations

import asyncio
import os
import sys
from typing import Any, Callable, Optional

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado

ROOM = "chats.room1"
TIMEOUT = 10.0


def show(title: str, envelope: Any, status: Any) -> None:
    """Print an (envelope, status) pair the way the documentation shows them."""
    print("\n== %s" % title)
    print("   status:   category=%s (%s) operation=%s (%s) status_code=%s error=%s" % (
        status.category, PNStatusCategory.name_of(status.category), status.operation,
        PNOperationType.name_of(status.operation),
        status.status_code, status.error_data.information if status.is_error() else None))
    if envelope is None:
        print("   envelope: None")
    elif hasattr(envelope, "actions"):
        print("   envelope: {'actions': %r}" % (envelope.actions,))
    elif hasattr(envelope, "channels") and isinstance(envelope.channels, dict):
        for channel, items in envelope.channels.items():
            for item in items:
                print("   envelope: %s  %r  actions=%r" % (channel, item.message, item.actions))
    elif isinstance(envelope, dict) or not hasattr(envelope, "__dict__"):
        print("   envelope: %r" % (envelope,))
    else:
        print("   envelope: %r" % ({k: v for k, v in vars(envelope).items() if not k.startswith("_")},))


async def call(title: str, builder: Any) -> Any:
    """Run a builder with ``.pn_async(callback)``, print what the callback got, return the result."""
    done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def callback(envelope: Any, status: Any) -> None:
        show(title, envelope, status)
        done.set_result((envelope, status))

    builder.pn_async(callback)
    envelope, status = await asyncio.wait_for(done, TIMEOUT)
    if status.is_error():
        raise SystemExit("%s failed: %s" % (title, status.error_data.information))
    return envelope


class LiveEvents(SubscribeCallback):
    """Prints what alice receives in real time and lets the demo wait for specific events."""

    def __init__(self) -> None:
        self.connected = asyncio.Event()
        self.left = asyncio.Event()
        self.seen: list[tuple[str, Any]] = []
        self.changed = asyncio.Event()

    def _record(self, kind: str, event: Any) -> None:
        self.seen.append((kind, event))
        self.changed.set()

    def status(self, pubnub: Any, status: Any) -> None:
        print("   [alice live] status %s" % PNStatusCategory.name_of(status.category))
        if status.category == PNStatusCategory.PNConnectedCategory:
            self.connected.set()
        elif status.operation == PNOperationType.PNUnsubscribeOperation:
            self.left.set()

    def message(self, pubnub: Any, message: Any) -> None:
        print("   [alice live] message from %s: %r (timetoken %s)" % (message.publisher, message.message,
                                                                      message.timetoken))
        self._record("message", message)

    def message_action(self, pubnub: Any, action: Any) -> None:
        print("   [alice live] action %s by %s: %s=%s on %s" % (action.event, action.uuid, action.type,
                                                              action.value, action.message_timetoken))
        self._record("action", action)

    def presence(self, pubnub: Any, presence: Any) -> None:
        print("   [alice live] presence %s: %s (occupancy %s)" % (presence.event, presence.uuid, presence.occupancy))

    async def wait_for(self, predicate: Callable[[list[tuple[str, Any]]], bool]) -> None:
        while not predicate(self.seen):
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), TIMEOUT)


def make_client(origin: Optional[str], ssl: bool, uuid: str) -> PubNubTornado:
    config = PNConfiguration()
    config.publish_key = os.environ.get("PUBNUB_PUBLISH_KEY", "demo")
    config.subscribe_key = os.environ.get("PUBNUB_SUBSCRIBE_KEY", "demo")
    if origin:
        config.origin = origin
    config.ssl = ssl
    config.uuid = uuid
    return PubNubTornado(config)


def reaction(message_timetoken: int, value: str, kind: str = "reaction") -> PNMessageAction:
    action = PNMessageAction()
    action.type = kind
    action.value = value
    action.message_timetoken = str(message_timetoken)
    return action


async def chat(origin: Optional[str], ssl: bool) -> None:
    alice, bob, carol = (make_client(origin, ssl, name) for name in ("alice", "bob", "carol"))
    live = LiveEvents()
    alice.add_listener(live)
    alice.subscribe().channels(ROOM).with_presence().execute()
    await asyncio.wait_for(live.connected.wait(), TIMEOUT)

    sent = await call("bob publishes a message", bob.publish().channel(ROOM).message({"text": "Lunch at noon?"}))
    message_tt = sent.timetoken
    await live.wait_for(lambda seen: any(kind == "message" for kind, _ in seen))

    thumbs = await call("carol reacts with thumbs_up",
                        carol.add_message_action().channel(ROOM).message_action(reaction(message_tt, "thumbs_up")))
    smile = await call("bob reacts with smiley_face",
                       bob.add_message_action().channel(ROOM).message_action(reaction(message_tt, "smiley_face")))
    await call("carol marks it read",
               carol.add_message_action().channel(ROOM).message_action(reaction(message_tt, "read", "receipt")))

    # The reactions of this one message: actions added from the first reaction onwards.
    listed = await call("list the reactions of that message (start/end)",
                        bob.get_message_actions().channel(ROOM)
                        .start(str(int(smile.action_timetoken) + 1)).end(thumbs.action_timetoken).limit(50))
    on_message = [a.value for a in listed.actions if a.message_timetoken == str(message_tt) and a.type == "reaction"]
    print("   reactions on the message: %s" % ", ".join(on_message))

    await call("carol removes her thumbs_up",
               carol.remove_message_action().channel(ROOM)
               .action_timetoken(thumbs.action_timetoken).message_timetoken(message_tt))
    await live.wait_for(lambda seen: sum(1 for kind, _ in seen if kind == "action") >= 4)

    await call("fetch the message with its actions",
               bob.fetch_messages().channels(ROOM).include_message_actions(True).count(10))

    alice.unsubscribe_all()
    await asyncio.wait_for(live.left.wait(), TIMEOUT)


async def main() -> int:
    if os.environ.get("PUBNUB_PUBLISH_KEY") and os.environ.get("PUBNUB_SUBSCRIBE_KEY"):
        print("Using the PubNub service at %s" % os.environ.get("PUBNUB_ORIGIN", "ps.pndsn.com"))
        await chat(os.environ.get("PUBNUB_ORIGIN"), True)
        return 0

    from pubnub.testing import PubNubTestServer

    server = PubNubTestServer(long_poll_seconds=5)
    origin = await server.start()
    print("No PUBNUB_PUBLISH_KEY/PUBNUB_SUBSCRIBE_KEY set: using a local PubNub-compatible server at %s" % origin)
    try:
        await chat(origin, False)
    finally:
        server.stop()
    print("\nDone.")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
