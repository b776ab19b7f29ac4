"""A Tornado 6 web application backed by PubNubTornado: publish, history, reactions, live inbox.

4.8.1's example application was written with ``@tornado.web.asynchronous`` and callbacks,
both gone in Tornado 6. Here every handler is an ``async def`` that awaits a PubNub call, the
``PubNubTornado`` client runs on the application's own IOLoop, and one long-lived
subscription feeds the application with what is published on its channel.

    POST /messages                         {"text": "..."}: publish, answer the timetoken
    GET  /messages/history?count=N         the last N messages stored on the channel
    GET  /messages/recent                  the last messages the subscription delivered
    GET  /messages/<timetoken>/reactions   the reactions added to one message
    POST /messages/<timetoken>/reactions   {"value": "thumbs_up"}: react to a message

Run ``python examples/tornado_web_app.py`` for a self-test: the app starts on a free port,
calls its own endpoints with Tornado's ``AsyncHTTPClient``, prints what came back and exits.
Run ``python examples/tornado_web_app.py --port 8888`` to keep it serving (Ctrl-C stops it),
then for instance ``curl -d '{"text": "hi"}' localhost:8888/messages``. Without keys in the
environment both use a local PubNub-compatible server (see ``service.py``).
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import logging
import signal
from typing import Any, Optional

import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pubnub_tornado import PubNubTornado

from service import TIMEOUT, Service, describe, local_or_live


class Inbox(SubscribeCallback):
    """The app's subscription listener: keeps the last messages received on the channel."""

    def __init__(self, size: int = 20) -> None:
        self.recent: collections.deque[dict[str, Any]] = collections.deque(maxlen=size)
        self.connected = asyncio.Event()
        self._arrived = asyncio.Event()

    def status(self, pubnub: Any, status: Any) -> None:
        print("   [subscription] %s" % describe(status))
        if status.category == PNStatusCategory.PNConnectedCategory:
            self.connected.set()

    def message(self, pubnub: Any, message: Any) -> None:
        self.recent.append({"timetoken": message.timetoken, "publisher": message.publisher,
                            "message": message.message})
        self._arrived.set()

    async def wait_for(self, timetoken: int) -> None:
        """Return once the message published at ``timetoken`` has been received."""
        while not any(item["timetoken"] == timetoken for item in self.recent):
            self._arrived.clear()
            await asyncio.wait_for(self._arrived.wait(), TIMEOUT)


# ----- the handlers ------------------------------------------------------------------------------

class PubNubHandler(tornado.web.RequestHandler):
    """Base of the handlers: the client, the channel and the inbox, and error answers."""

    def initialize(self, pubnub: PubNubTornado, channel: str, inbox: Inbox) -> None:
        self.pubnub = pubnub
        self.channel = channel
        self.inbox = inbox

    def json_body(self) -> dict[str, Any]:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise tornado.web.HTTPError(400, reason="the body is not JSON") from None
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(400, reason="the body must be a JSON object")
        return body

    def pubnub_failed(self, status: Any) -> None:
        """Answer 502 when PubNub refused or could not be reached, naming what went wrong."""
        self.set_status(502)
        self.write({"error": str(status.error_data.information), "category": PNStatusCategory.name_of(status.category),
                    "operation": PNOperationType.name_of(status.operation)})

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.write({"error": self._reason})  # JSON errors (the HTTPError's reason), not Tornado's HTML page


class PublishHandler(PubNubHandler):
    async def post(self) -> None:
        text = self.json_body().get("text")
        if not text:
            raise tornado.web.HTTPError(400, reason="'text' is required")
        # .future() never raises: it resolves to an envelope whose is_error() tells failure.
        envelope = await self.pubnub.publish().channel(self.channel).message({"text": text}).future()
        if envelope.is_error():
            return self.pubnub_failed(envelope.status)
        self.write({"timetoken": envelope.result.timetoken})


class HistoryHandler(PubNubHandler):
    async def get(self) -> None:
        count = int(self.get_query_argument("count", "10"))
        # .result() resolves to the result itself, or raises PubNubException (its .status says why).
        try:
            history = await self.pubnub.history().channel(self.channel).count(count).include_timetoken(True).result()
        except PubNubException as e:
            return self.pubnub_failed(e.status)
        self.write({"messages": [{"timetoken": item.timetoken, "message": item.entry} for item in history.messages]})


class RecentHandler(PubNubHandler):
    def get(self) -> None:
        # Nothing to await: the subscription has been filling the inbox all along.
        self.write({"messages": list(self.inbox.recent)})


class ReactionsHandler(PubNubHandler):
    async def get(self, message_timetoken: str) -> None:
        envelope = await self.pubnub.get_message_actions().channel(self.channel).limit(100).future()
        if envelope.is_error():
            return self.pubnub_failed(envelope.status)
        # The channel's actions, newest last; keep the reactions to this one message.
        self.write({"reactions": [{"value": action.value, "by": action.uuid} for action in envelope.result.actions
                                  if action.message_timetoken == message_timetoken and action.type == "reaction"]})

    async def post(self, message_timetoken: str) -> None:
        action = PNMessageAction()
        action.type = "reaction"
        action.value = self.json_body().get("value")
        action.message_timetoken = message_timetoken
        if not action.value:
            raise tornado.web.HTTPError(400, reason="'value' is required")
        envelope = await self.pubnub.add_message_action().channel(self.channel).message_action(action).future()
        if envelope.is_error():
            return self.pubnub_failed(envelope.status)
        self.write({"value": envelope.result.value, "action_timetoken": envelope.result.action_timetoken})


def make_app(pubnub: PubNubTornado, channel: str, inbox: Inbox) -> tornado.web.Application:
    shared = dict(pubnub=pubnub, channel=channel, inbox=inbox)
    return tornado.web.Application([
        (r"/messages", PublishHandler, shared),
        (r"/messages/history", HistoryHandler, shared),
        (r"/messages/recent", RecentHandler, shared),
        (r"/messages/([0-9]+)/reactions", ReactionsHandler, shared),
    ])


# ----- running it ----------------------------------------------------------------------------------

async def self_test(base_url: str, inbox: Inbox) -> None:
    """Call every endpoint once, print the answers, and check that they make sense."""
    http = AsyncHTTPClient()

    async def call(method: str, path: str, body: Optional[dict[str, Any]] = None) -> tuple[int, Any]:
        response = await http.fetch(base_url + path, method=method, raise_error=False,
                                    body=None if body is None else json.dumps(body))
        print("%-4s %-40s -> %d %s" % (method, path, response.code, response.body.decode()))
        return response.code, json.loads(response.body)

    def check(condition: bool, what: str) -> None:
        if not condition:
            raise SystemExit("self-test failed: %s" % what)

    code, published = await call("POST", "/messages", {"text": "Hello from the web app"})
    check(code == 200, "publish")
    timetoken = published["timetoken"]
    await inbox.wait_for(timetoken)  # the subscription delivers what was just published

    code, recent = await call("GET", "/messages/recent")
    check(any(item["message"] == {"text": "Hello from the web app"} for item in recent["messages"]), "recent")
    code, _ = await call("POST", "/messages/%s/reactions" % timetoken, {"value": "thumbs_up"})
    check(code == 200, "add a reaction")
    code, reactions = await call("GET", "/messages/%s/reactions" % timetoken)
    check([r["value"] for r in reactions["reactions"]] == ["thumbs_up"], "list reactions")
    code, history = await call("GET", "/messages/history?count=5")
    check(any(item["timetoken"] == timetoken for item in history["messages"]), "history")
    code, _ = await call("POST", "/messages", {})
    check(code == 400, "a request without text is refused")
    print("Self-test passed.")


async def run(service: Service, port: Optional[int]) -> None:
    channel = service.channel("examples.web")
    # Created inside the running loop, the client uses the application's IOLoop.
    pubnub = PubNubTornado(service.config("web-app"))
    inbox = Inbox()
    pubnub.add_listener(inbox)
    pubnub.subscribe().channels(channel).execute()
    await asyncio.wait_for(inbox.connected.wait(), TIMEOUT)

    sockets = bind_sockets(port or 0, "127.0.0.1")  # loopback only: this is a demo
    server = HTTPServer(make_app(pubnub, channel, inbox))
    server.add_sockets(sockets)
    base_url = "http://127.0.0.1:%d" % sockets[0].getsockname()[1]
    try:
        if port is None:
            print("Self-test of the app at %s (channel %s)" % (base_url, channel))
            await self_test(base_url, inbox)
        else:
            print("Serving on %s (channel %s); Ctrl-C stops" % (base_url, channel))
            stop = asyncio.Event()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C simply ends the process
                    asyncio.get_running_loop().add_signal_handler(signum, stop.set)
            await stop.wait()
            print("Stopping")
    finally:
        server.stop()
        await pubnub.aclose()  # ends the long-poll, tells presence we left (awaiting the answer), closes
        await server.close_all_connections()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--port", type=int, help="serve on this port (0: any free one) until interrupted")
    mode.add_argument("--self-test", action="store_true", help="start, call each endpoint, exit (the default)")
    args = parser.parse_args()
    if args.port is not None:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")  # the access log
    async with local_or_live() as service:
        await run(service, args.port)


if __name__ == "__main__":
    asyncio.run(main())
