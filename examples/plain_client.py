"""The plain client (``pubnub.pubnub.PubNub``) in a script: no event loop, just threads.

* ``.sync()`` runs a call on this thread and returns an envelope (``.result``, ``.status``),
  or raises ``PubNubException``;
* ``.pn_async(callback)`` runs it on a worker thread and calls ``callback(result, status)``
  there; the script waits for that callback with a ``threading.Event``;
* a ``SubscribeListener`` receives the subscription's events on the client's listener thread,
  and its ``wait_for_...`` methods let the script block until they arrive.

Run: ``python examples/plain_client.py`` (a local PubNub-compatible server is started on a
background thread unless PubNub keys are in the environment; see ``service.py``).
"""
from __future__ import annotations

import threading
from typing import Any

from pubnub.exceptions import PubNubException
from pubnub.pubnub import PubNub, SubscribeListener

from service import TIMEOUT, describe, local_or_live_in_thread


def main() -> None:
    with local_or_live_in_thread() as service:
        room = service.channel("examples.plain")
        reader = PubNub(service.config("reader"))
        writer = PubNub(service.config("writer"))

        # 1. Subscribe, and wait until the subscription is connected.
        listener = SubscribeListener()
        reader.add_listener(listener)
        reader.subscribe().channels(room).execute()
        listener.wait_for_connect(timeout=TIMEOUT)
        print("reader subscribed to %s" % room)

        # 2. .sync(): publish on this thread; the envelope holds the result and the status.
        envelope = writer.publish().channel(room).message({"text": "hello, sync"}).sync()
        print("sync publish:   %s, timetoken %s" % (describe(envelope.status), envelope.result.timetoken))
        received = listener.wait_for_message_on(room, timeout=TIMEOUT)
        print("reader got:     %r from %s" % (received.message, received.publisher))

        # 3. .pn_async(callback): publish on a worker thread; the callback runs there too.
        done = threading.Event()

        def published(result: Any, status: Any) -> None:
            print("async publish:  %s, timetoken %s" % (describe(status), None if result is None else result.timetoken))
            done.set()

        writer.publish().channel(room).message({"text": "hello, async"}).pn_async(published)
        if not done.wait(TIMEOUT):
            raise SystemExit("the pn_async callback never came")
        received = listener.wait_for_message_on(room, timeout=TIMEOUT)
        print("reader got:     %r from %s" % (received.message, received.publisher))

        # 4. History: both messages are stored on the channel.
        history = writer.history().channel(room).count(10).sync().result
        print("history:        %s" % [item.entry["text"] for item in history.messages])

        # 5. here_now: who is subscribed to the channel right now.
        here = writer.here_now().channels(room).include_uuids(True).sync().result
        for channel in here.channels:
            print("here_now:       %s has %d occupant(s): %s" % (
                channel.channel_name, channel.occupancy, ", ".join(o.uuid for o in channel.occupants or [])))

        # 6. A refused call raises from .sync(): an empty channel name is refused before sending.
        try:
            writer.publish().channel("").message("lost").sync()
        except PubNubException as e:
            print("refused:        %s" % e)

        # 7. Leave, wait for the leave to be acknowledged, and stop the background threads.
        reader.unsubscribe_all()
        listener.wait_for_disconnect(timeout=TIMEOUT)
        print("reader left %s" % room)
        reader.stop()
        writer.stop()


if __name__ == "__main__":
    main()
