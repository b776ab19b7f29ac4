"""The README's quickstart, runnable: ``python examples/quickstart.py``.

With no keys in the environment it starts ``pubnub.testing`` (a local PubNub-compatible server)
and runs against it; with ``PUBNUB_PUBLISH_KEY`` and ``PUBNUB_SUBSCRIBE_KEY`` it uses the real
service. The code below this docstring is the README's quickstart block, word for word.
"""
import os
from typing import Optional

from tornado.concurrent import Future
from tornado.ioloop import IOLoop

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.message_actions import PNGetMessageActionsResult, PNMessageAction
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado
from pubnub.testing import PubNubTestServer

config = PNConfiguration()
config.uuid = "my_uuid"
server: Optional[PubNubTestServer] = None
if os.environ.get("PUBNUB_PUBLISH_KEY"):  # the real service
    config.publish_key = os.environ["PUBNUB_PUBLISH_KEY"]
    config.subscribe_key = os.environ["PUBNUB_SUBSCRIBE_KEY"]
else:  # a local PubNub-compatible server: nothing leaves this machine
    server = PubNubTestServer()
    config.origin = server.start_in_thread()
    config.ssl = False
    config.publish_key = config.subscribe_key = "demo"


def describe(status: PNStatus) -> str:
    return "%s %s" % (PNOperationType.name_of(status.operation), PNStatusCategory.name_of(status.category))


async def main() -> None:
    pubnub = PubNubTornado(config)

    # .future(): resolves to a TornadoEnvelope (.result, .status) or, on failure, to a
    # PubNubTornadoException value; it never raises.
    envelope = await pubnub.publish().channel("chats.room1").message({"text": "hi"}).future()
    print("publish:", describe(envelope.status), envelope.result if not envelope.is_error() else envelope)
    if envelope.is_error():
        return

    # .result(): resolves to the result, or raises PubNubException.
    action = PNMessageAction()
    action.type = "reaction"
    action.value = "smiley_face"
    action.message_timetoken = str(envelope.result.timetoken)
    added = await pubnub.add_message_action().channel("chats.room1").message_action(action).result()
    print("add_message_action:", added.type, added.value, "at", added.action_timetoken)

    # .pn_async(callback), as the documentation shows: callback(result, status) on the IOLoop.
    answered: "Future[None]" = Future()

    def message_action_callback(result: Optional[PNGetMessageActionsResult], status: PNStatus) -> None:
        if result is None:  # a failed call has no result; its status says why
            print("get_message_actions failed:", describe(status), status.error_data.information)
        else:
            print("get_message_actions:", describe(status), [(a.type, a.value) for a in result.actions])
        answered.set_result(None)

    pubnub.get_message_actions().channel("chats.room1") \
        .start(str(int(added.action_timetoken) + 1)).end(added.action_timetoken).limit(50) \
        .pn_async(message_action_callback)
    await answered  # wait for the callback before leaving


IOLoop.current().run_sync(main)
if server is not None:
    server.stop()
