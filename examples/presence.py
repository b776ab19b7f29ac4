"""Presence on Tornado: who is in a room, what they say about themselves, and when they leave.

Alice subscribes to a room with presence and prints every presence event. Bob joins, sets
his state (``set_state``), and Alice sees the ``join`` and ``state-change`` events; both ask
``here_now`` who is there (with their state). Bob leaves; Alice sees the ``leave``, and
``here_now`` shows her alone.

Run: ``python examples/presence.py`` (a local PubNub-compatible server unless PubNub keys are
in the environment; see ``service.py``).
"""
from __future__ import annotations

import asyncio
from typing import Any

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNStatusCategory
from pubnub.pubnub_tornado import PubNubTornado

from service import TIMEOUT, describe, local_or_live


class PresenceWatcher(SubscribeCallback):
    """Prints the presence events of a client's channels and lets the program wait for one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.connected = asyncio.Event()
        self.events: asyncio.Queue[Any] = asyncio.Queue()

    def status(self, pubnub: Any, status: Any) -> None:
        print("   [%s] status %s" % (self.name, describe(status)))
        if status.category == PNStatusCategory.PNConnectedCategory:
            self.connected.set()

    def presence(self, pubnub: Any, presence: Any) -> None:
        print("   [%s] presence: %-12s uuid=%s occupancy=%s state=%s" % (
            self.name, presence.event, presence.uuid, presence.occupancy, presence.state))
        self.events.put_nowait(presence)

    async def wait_for(self, event: str, uuid: str) -> Any:
        """The next presence ``event`` ("join", "leave", "state-change" ...) of ``uuid``."""
        while True:
            presence = await asyncio.wait_for(self.events.get(), TIMEOUT)
            if presence.event == event and presence.uuid == uuid:
                return presence


async def who_is_here(client: PubNubTornado, room: str) -> None:
    """Print ``here_now`` for the room: its occupants and their state."""
    here = await client.here_now().channels(room).include_uuids(True).include_state(True).result()
    for channel in here.channels:
        print("here_now %s: occupancy %d" % (channel.channel_name, channel.occupancy))
        for occupant in sorted(channel.occupants or [], key=lambda o: o.uuid):  # None: uuids not asked for
            print("   %s state=%s" % (occupant.uuid, occupant.state))


async def main() -> None:
    async with local_or_live() as service:
        room = service.channel("examples.lobby")
        alice = PubNubTornado(service.config("alice"))
        bob = PubNubTornado(service.config("bob"))
        watcher = PresenceWatcher("alice")
        alice.add_listener(watcher)
        bob.add_listener(PresenceWatcher("bob"))  # bob only prints his statuses: he did not ask for presence

        # Alice subscribes "with presence": she also receives the room's presence events.
        alice.subscribe().channels(room).with_presence().execute()
        await asyncio.wait_for(watcher.connected.wait(), TIMEOUT)

        print("\nbob joins %s" % room)
        bob.subscribe().channels(room).execute()
        await watcher.wait_for("join", "bob")

        print("\nbob sets his state")
        state = await bob.set_state().channels(room).state({"mood": "curious", "typing": False}).result()
        print("set_state answered %s" % state.state)
        await watcher.wait_for("state-change", "bob")

        print()
        await who_is_here(alice, room)

        print("\nbob leaves")
        bob.unsubscribe().channels(room).execute()
        await watcher.wait_for("leave", "bob")

        print()
        await who_is_here(alice, room)

        await alice.aclose()  # leaves the room (waiting for the leave's answer), then closes
        await bob.aclose()
        print("\nDone.")


if __name__ == "__main__":
    asyncio.run(main())
