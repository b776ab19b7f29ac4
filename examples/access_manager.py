"""Access Manager: an admin grants access, users with an auth key or a token get in, others do not.

With Access Manager on, a request needs permission for what it touches:

* the admin client holds the secret key: its requests are signed and may do anything,
  including ``grant()`` (v2: permissions for an auth key) and ``grant_token()`` (v3: a token
  listing its permissions);
* bob's auth key was granted read and write on the room: he publishes and reads history;
* carol's auth key is a token granting only read: she reads history, her publish is refused;
* mallory has no auth key: refused, with the 403 status Access Manager answers.

Secrets stay secret: the secret key is never printed, tokens only by their first characters.

Run: ``python examples/access_manager.py``. Offline it starts a local PubNub-compatible server
with Access Manager on (``PubNubTestServer(secret_key=...)``); against the real service it
needs ``PUBNUB_SECRET_KEY`` as well as the publish and subscribe keys (see ``service.py``).
"""
from __future__ import annotations

import asyncio
from typing import Any

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.v3.channel import Channel
from pubnub.pubnub_tornado import PubNubTornado

from service import Service, describe, local_or_live


def redacted(secret: str) -> str:
    """A token or key shown by its first characters only."""
    return "%s...(%d characters)" % (secret[:6], len(secret))


async def try_publish(client: PubNubTornado, who: str, room: str) -> None:
    envelope = await client.publish().channel(room).message({"text": "hi from %s" % who}).future()
    show(who, "publish", envelope)


async def try_history(client: PubNubTornado, who: str, room: str) -> None:
    envelope = await client.history().channel(room).count(10).future()
    show(who, "history", envelope)
    if not envelope.is_error():
        print("      messages: %s" % [item.entry["text"] for item in envelope.result.messages])


def show(who: str, what: str, envelope: Any) -> None:
    status = envelope.status
    if not envelope.is_error():
        print("   %-7s %-8s allowed: %s" % (who, what, describe(status)))
        return
    # A refusal: category and operation by name, and the service's answer, which names the channels.
    print("   %-7s %-8s REFUSED: category=%s operation=%s status_code=%s" % (
        who, what, PNStatusCategory.name_of(status.category), PNOperationType.name_of(status.operation),
        status.status_code))
    answer = status.original_response
    if isinstance(answer, dict):
        print("      %s says %s: %s" % (answer.get("service"), answer.get("message"), answer.get("payload")))


async def demo(service: Service) -> None:
    room = service.channel("examples.private")
    admin = PubNubTornado(service.config("admin", admin=True))

    # v2: grant read and write on the room to bob's auth key, for 5 minutes.
    print("admin grants read+write on %s to auth key 'bob-auth' (v2 grant)" % room)
    granted = await admin.grant().channels(room).auth_keys("bob-auth").read(True).write(True).ttl(5).result()
    for name, channel in granted.channels.items():
        for auth_key, permissions in channel.auth_keys.items():
            print("   granted on %s to %s: read=%s write=%s for %s minutes" % (
                name, auth_key, permissions.read_enabled, permissions.write_enabled, granted.ttl))

    # v3: a token that lets its holder read the room (and nothing else), for 15 minutes.
    print("admin issues a read-only token for %s (v3 grant_token)" % room)
    token = (await admin.grant_token().ttl(15).channels([Channel.id(room).read()]).result()).token
    print("   token %s" % redacted(token))

    bob = PubNubTornado(service.config("bob", auth_key="bob-auth"))
    carol = PubNubTornado(service.config("carol", auth_key=token))  # a v3 token is used as the auth key
    mallory = PubNubTornado(service.config("mallory"))

    print("\nbob (granted auth key):")
    await try_publish(bob, "bob", room)
    await try_history(bob, "bob", room)
    print("carol (read-only token):")
    await try_history(carol, "carol", room)
    await try_publish(carol, "carol", room)
    print("mallory (no auth key):")
    await try_publish(mallory, "mallory", room)

    # .result() raises instead: the PubNubException carries the same status.
    try:
        await mallory.history().channel(room).result()
    except PubNubException as e:
        print("   mallory history raised PubNubException: %s" % PNStatusCategory.name_of(e.status.category))

    # Revoking bob's grant closes the door for him too.
    print("\nadmin revokes bob's grant")
    await admin.revoke().channels(room).auth_keys("bob-auth").result()
    await try_publish(bob, "bob", room)


async def main() -> None:
    async with local_or_live(access_manager=True) as service:
        await demo(service)
    print("\nDone.")


if __name__ == "__main__":
    asyncio.run(main())
