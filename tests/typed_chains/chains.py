"""Typed builder chains, as a type checker sees them: checked by ``check.py`` (run by .ci/run).

Never run, never collected by pytest: ``check.py`` runs mypy on this file and compares every
``reveal_type`` with the ``# revealed:`` comment just above it (continued on ``#     `` lines),
and every error with the ``# error:`` comment on its line (there must be no other error, and
no ``Any``).
"""
from __future__ import annotations

from typing import Optional

from typing_extensions import reveal_type

from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.models.consumer.pubsub import PNPublishResult
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub
from pubnub.pubnub_asyncio import PubNubAsyncio
from pubnub.pubnub_tornado import PubNubTornado

plain = PubNub(PNConfiguration())
tornado = PubNubTornado(PNConfiguration())
aio = PubNubAsyncio(PNConfiguration())
action = PNMessageAction()


def published(result: Optional[PNPublishResult], status: PNStatus) -> None:
    pass


# ----- the plain client: .sync() and .result() give the result, .pn_async() a Call handle ----------
# revealed: pubnub.endpoints.pubsub.publish.Publish[pubnub.pubnub.PubNub]
reveal_type(plain.publish())
# revealed: pubnub.structures.Envelope[pubnub.models.consumer.pubsub.PNPublishResult]
reveal_type(plain.publish().channel("a").message(1).sync())
# revealed: pubnub.models.consumer.pubsub.PNPublishResult
reveal_type(plain.publish().channel("a").message(1).sync().result)
# revealed: pubnub.models.consumer.pubsub.PNPublishResult
reveal_type(plain.publish().channel("a").message(1).result())
# revealed: int
reveal_type(plain.publish().channel("a").message(1).result().timetoken)
# revealed: pubnub.models.consumer.common.PNStatus
reveal_type(plain.publish().channel("a").message(1).sync().status)
# revealed: str
reveal_type(plain.signal().channel("a").message(1).sync().result.timetoken)
# revealed: pubnub.endpoints.endpoint.CallHandle
reveal_type(plain.publish().channel("a").message(1).pn_async(published))
# revealed: pubnub.structures.Envelope[pubnub.models.consumer.presence.PNHereNowResult]
reveal_type(plain.here_now().channels(["a", "b"]).include_uuids(True).sync())
# revealed: pubnub.structures.Envelope[pubnub.models.consumer.history.PNFetchMessagesResult]
reveal_type(plain.fetch_messages().channels("a,b").count(25).start(15).end("14").include_meta(True).sync())
# revealed: pubnub.structures.Envelope[pubnub.models.consumer.message_actions.PNGetMessageActionsResult]
reveal_type(plain.get_message_actions().channel("a").start("2").end(1).limit(10).fetch_all().sync())
# revealed: pubnub.models.consumer.message_actions.PNAddMessageActionResult
reveal_type(plain.add_message_action().channel("a").message_action(action).result())
for channel in plain.here_now().channels("a").sync().result.channels:
    # revealed: pubnub.models.consumer.presence.PNHereNowChannelData
    reveal_type(channel)


# ----- Tornado: .result() and .future() are awaited, .pn_async() returns None --------------------
# revealed: pubnub.endpoints.pubsub.publish.Publish[pubnub.pubnub_tornado.PubNubTornado]
reveal_type(tornado.publish())
# revealed: typing.Awaitable[pubnub.models.consumer.pubsub.PNPublishResult]
reveal_type(tornado.publish().channel("a").message(1).result())
# revealed: typing.Awaitable[pubnub.structures.Envelope[pubnub.models.consumer.pubsub.PNPublishResult]
#     | pubnub.endpoints.endpoint.ErrorEnvelope]
reveal_type(tornado.publish().channel("a").message(1).future())
# revealed: None
reveal_type(tornado.publish().channel("a").message(1).pn_async(published))
# revealed: pubnub.endpoints.message_actions.get_message_actions.GetMessageActions[pubnub.pubnub_tornado.PubNubTornado]
reveal_type(tornado.get_message_actions().channel("a").start("2").end("1").limit(10))


async def tornado_calls() -> None:
    # revealed: pubnub.models.consumer.pubsub.PNPublishResult
    reveal_type(await tornado.publish().channel("a").message(1).result())
    envelope = await tornado.publish().channel("a").message(1).future()
    # revealed: pubnub.structures.Envelope[pubnub.models.consumer.pubsub.PNPublishResult]
    #     | pubnub.endpoints.endpoint.ErrorEnvelope
    reveal_type(envelope)
    added = await tornado.add_message_action().channel("a").message_action(action).result()
    # revealed: pubnub.models.consumer.message_actions.PNAddMessageActionResult
    reveal_type(added)
    # revealed: str
    reveal_type(added.action_timetoken)
    actions = await tornado.get_message_actions().channel("a").start("2").end("1").limit(10).result()
    # revealed: pubnub.models.consumer.message_actions.PNGetMessageActionsResult
    reveal_type(actions)
    # revealed: pubnub.models.consumer.presence.PNHereNowResult
    reveal_type(await tornado.here_now().channels("a").include_state(True).result())
    # revealed: pubnub.models.consumer.history.PNFetchMessagesResult
    reveal_type(await tornado.fetch_messages().channels(["a"]).include_message_actions(True).result())


async def asyncio_calls() -> None:
    # revealed: pubnub.endpoints.pubsub.publish.Publish[pubnub.pubnub_asyncio.PubNubAsyncio]
    reveal_type(aio.publish())
    # revealed: pubnub.models.consumer.pubsub.PNPublishResult
    reveal_type(await aio.publish().channel("a").message(1).result())
    # revealed: pubnub.structures.Envelope[pubnub.models.consumer.pubsub.PNPublishResult]
    #     | pubnub.endpoints.endpoint.ErrorEnvelope
    reveal_type(await aio.publish().channel("a").message(1).future())
    # revealed: pubnub.models.consumer.message_actions.PNAddMessageActionResult
    reveal_type(await aio.add_message_action().channel("a").message_action(action).result())


# ----- the subscribe builders chain too ---------------------------------------------------------
# revealed: pubnub.builders.SubscribeBuilder
reveal_type(tornado.subscribe().channels(["a", "b"]).channel_groups("g").with_presence().with_timetoken(1))
# revealed: pubnub.builders.UnsubscribeBuilder
reveal_type(plain.unsubscribe().channels("a").channel_groups(None))


# ----- setters keep the subclass's type and refuse what 4.8.1 could not take --------------------
# revealed: pubnub.endpoints.pubsub.fire.Fire[pubnub.pubnub_tornado.PubNubTornado]
reveal_type(tornado.fire().channel("a").message(1))
plain.publish().channel(None).channel(123).meta({"k": 1}).ttl("15").should_store(1)  # 4.8.1 coerced all of these
plain.publish().meta(["not", "a", "dict"])  # error: arg-type
plain.add_message_action().message_action({"type": "reaction"})  # error: arg-type
plain.publish().pn_async(lambda result, status: result.timetoken)  # error: union-attr
plain.get_message_actions().start(1.5)  # error: arg-type
