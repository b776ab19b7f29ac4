"""``PubNub.set_request_handler`` and the 4.8.1 ``pubnub.request_handlers`` modules, against
``pubnub.testing``: every request of the client goes through the handler that was set."""
from __future__ import annotations

import io
import json
import threading
import urllib.request
from typing import Any, Iterator, List

import pytest
import requests
from integration.tornado._support import closed_origin

from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CLIENT_ERROR,
    PNERR_CLIENT_TIMEOUT,
    PNERR_CONNECTION_ERROR,
    PNERR_PAM_INVALID_ARGUMENTS,
    PNERR_UNKNOWN_ERROR,
)
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.pubsub import PNPublishResult
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import NonSubscribeListener, PubNub, SubscribeListener
from pubnub.request_handlers.base import BaseRequestHandler
from pubnub.request_handlers.requests_handler import RequestsRequestHandler
from pubnub.request_handlers.urllib2_handler import Urllib2RequestHandler
from pubnub.structures import Envelope, PlatformOptions, RequestOptions, ResponseInfo
from pubnub.testing import PubNubTestServer

CAT = PNStatusCategory


@pytest.fixture
def no_default_transport(client: PubNub, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any request sent by the client's built-in transports (calls, long-polls) fails the test."""
    def refuse(request: Any) -> Any:
        pytest.fail("sent by the built-in transport: %s %s" % (request.method, request.url.split("?")[0]))
    monkeypatch.setattr(client.transport, "send", refuse)
    monkeypatch.setattr(client._subscription_manager._driver._long_poll, "send", refuse)


@pytest.fixture
def urllib_opens(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """The URLs (without query) urllib opened."""
    opened: List[str] = []
    original = urllib.request.OpenerDirector.open

    def recording(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(request.full_url.split("?")[0])
        return original(self, request, *args, **kwargs)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", recording)
    return opened


@pytest.fixture
def client(pubnub_config: Any) -> Iterator[PubNub]:
    pubnub = PubNub(pubnub_config)
    yield pubnub
    pubnub.stop()
    driver = pubnub._subscription_manager._driver
    assert driver.join(5), "subscription threads still running"


def test_urllib2_handler_sends_every_call_through_urllib(client: PubNub, no_default_transport: None,
                                                         urllib_opens: List[str]) -> None:
    client.set_request_handler(Urllib2RequestHandler(client))
    sent = client.publish().channel("via-urllib").message({"text": "hi"}).meta({"m": 1}).sync()
    assert isinstance(sent.result, PNPublishResult) and sent.status.status_code == 200
    assert sent.status.category == CAT.PNAcknowledgmentCategory and sent.status.uuid == client.uuid
    client.publish().channel("via-urllib").message(["post"]).use_post(True).sync()
    history = client.history().channel("via-urllib").include_meta(True).sync().result
    assert [(item.entry, item.meta) for item in history.messages] == [({"text": "hi"}, {"m": 1}), (["post"], "")]

    listener = NonSubscribeListener()
    client.time().pn_async(listener.callback)
    assert listener.pn_await(5) and listener.status.operation == PNOperationType.PNTimeOperation
    assert int(listener.result) > 0

    with pytest.raises(PubNubException) as raised:  # the server refuses a non-numeric timetoken: 400
        client.message_counts().channel("a").channel_timetokens(["not-a-number"]).sync()
    assert raised.value.pn_error == PNERR_CLIENT_ERROR and raised.value._status_code == 400
    assert raised.value.status.category == CAT.PNBadRequestCategory
    assert [url.split("/")[3] for url in urllib_opens] == ["publish", "publish", "v2", "time", "v3"]


def test_urllib2_handler_carries_subscribe_and_heartbeats(client: PubNub, no_default_transport: None,
                                                          urllib_opens: List[str]) -> None:
    client.set_request_handler(Urllib2RequestHandler(client))
    listener = SubscribeListener()
    client.add_listener(listener)
    client.subscribe().channels("sub-urllib").execute()
    listener.wait_for_connect(timeout=5)
    client.publish().channel("sub-urllib").message("hey").sync()
    assert listener.wait_for_message_on("sub-urllib", timeout=5).message == "hey"
    assert any("/v2/subscribe/demo/sub-urllib/0" in url for url in urllib_opens)


def test_urllib2_handler_files(client: PubNub, no_default_transport: None, urllib_opens: List[str]) -> None:
    client.set_request_handler(Urllib2RequestHandler(client))
    sent = client.send_file().channel("files-urllib").file_name("king_arthur.txt") \
        .file_object(io.BytesIO(b"Knights who say Ni!")).cipher_key("silly").sync()
    downloaded = client.download_file().channel("files-urllib").file_id(sent.result.file_id) \
        .file_name(sent.result.name).cipher_key("silly").sync()
    assert downloaded.result.data == b"Knights who say Ni!"
    url = client.get_file_url().channel("files-urllib").file_id(sent.result.file_id) \
        .file_name(sent.result.name).sync()
    assert url.result.file_url.startswith("http://")
    assert len(urllib_opens) >= 4  # upload details, storage upload, file message, download, ...


def test_urllib2_handler_reports_refused_and_silent_origins() -> None:
    refused = PubNub(_config(closed_origin(), auth_key="secret-auth"))
    refused.set_request_handler(Urllib2RequestHandler(refused))
    with pytest.raises(PubNubException) as raised:
        refused.publish().channel("c").message(1).sync()
    assert raised.value.pn_error == PNERR_CONNECTION_ERROR
    assert raised.value.status.category == CAT.PNUnexpectedDisconnectCategory
    assert "secret-auth" not in str(raised.value)

    import socket
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)
        silent = PubNub(_config("127.0.0.1:%d" % listening.getsockname()[1], non_subscribe_request_timeout=0.3,
                                connect_timeout=0.3))
        silent.set_request_handler(Urllib2RequestHandler(silent))
        with pytest.raises(PubNubException) as raised:
            silent.time().sync()
    assert raised.value.pn_error == PNERR_CLIENT_TIMEOUT and raised.value.status.category == CAT.PNTimeoutCategory


def test_requests_handler_uses_its_session(client: PubNub, no_default_transport: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    handler = RequestsRequestHandler(client)
    assert isinstance(handler.session, requests.Session) and handler.pubnub is client
    seen: List[Any] = []
    original = handler.session.request

    def recording(method: str, url: str, **kwargs: Any) -> Any:
        seen.append((method, url.split("?")[0], kwargs["headers"]))
        return original(method, url, **kwargs)
    monkeypatch.setattr(handler.session, "request", recording)
    client.set_request_handler(handler)
    assert client.publish().channel("via-requests").message(1).use_post(True).sync().result.timetoken > 0
    assert [(method, url.split("/")[3]) for method, url, _ in seen] == [("POST", "publish")]
    assert seen[0][2]["User-Agent"] == client.sdk_name and seen[0][2]["Content-Type"] == "application/json"

    client.set_request_handler(None)  # back to the built-in transport
    monkeypatch.undo()
    assert client.time().sync().status.status_code == 200 and len(seen) == 1


class RecordingHandler(BaseRequestHandler):
    """A 4.8.1-style handler written against the interface only: requests + create_response/status."""

    def __init__(self) -> None:
        self.options: List[Any] = []

    def sync_request(self, platform_options: PlatformOptions, endpoint_call_options: RequestOptions) -> Envelope:
        e = endpoint_call_options
        self.options.append((platform_options, e))
        config = platform_options.pn_config
        headers = dict(platform_options.headers)
        headers.update(e.request_headers or {})
        headers["X-Handler"] = "recording"
        url = config.scheme() + "://" + config.host() + e.path + "?" + e.query_string
        response = requests.request(e.method_string, url, headers=headers, data=e.data,
                                    timeout=(e.connect_timeout, e.request_timeout))
        info = ResponseInfo(response.status_code, config.ssl, config.host(), config.uuid, None, None)
        data = response.json()
        if not response.ok:
            error = PubNubException(errormsg=response.text, status_code=response.status_code,
                                    pn_error=PNERR_CLIENT_ERROR)
            return Envelope(None, e.create_status(CAT.PNBadRequestCategory, data, info, error))
        return Envelope(e.create_response(data), e.create_status(CAT.PNAcknowledgmentCategory, data, info, None))


def test_a_4x_handler_is_honoured_with_signed_requests() -> None:
    server = PubNubTestServer(secret_key="sec-c-handler", long_poll_seconds=2.0)
    server.start_in_thread()
    try:
        config = _config(server.origin, publish_key="demo", subscribe_key="demo", secret_key="sec-c-handler")
        pubnub = PubNub(config)
        handler = RecordingHandler()
        pubnub.set_request_handler(handler)
        sent = pubnub.publish().channel("signed ch").message({"a": "b c"}).use_post(True).sync()
        assert isinstance(sent.result, PNPublishResult) and sent.status.category == CAT.PNAcknowledgmentCategory
        history = pubnub.history().channel("signed ch").sync()
        assert [item.entry for item in history.result.messages] == [{"a": "b c"}]
        platform_options, options = handler.options[0]
        assert platform_options.pn_config is config and platform_options.headers == {"User-Agent": pubnub.sdk_name}
        assert options.method_string == "POST" and options.is_post() and not options.is_patch()
        assert options.path == "/publish/demo/demo/0/signed%20ch/0" and options.use_base_path is True
        assert json.loads(options.data) == {"a": "b c"} and options.body is options.data
        assert options.operation_type == PNOperationType.PNPublishOperation
        assert options.query_params["uuid"] == "handler-uuid" and "signature" in options.query_params
        assert options.query_params["seqn"] == "1" and "&seqn=1&" in "&%s&" % options.query_string
        assert (options.connect_timeout, options.request_timeout) == (2, 10)

        with pytest.raises(PubNubException) as raised:  # the handler's own error status is raised by .sync()
            pubnub.message_counts().channel("a").channel_timetokens(["not-a-number"]).sync()
        assert raised.value.pn_error == PNERR_CLIENT_ERROR and raised.value.status.status_code == 400
    finally:
        server.stop()


def test_request_options_rebuild_the_request_exactly(pubnub_config: Any) -> None:
    from pubnub.request_handlers.base import http_request_from_options

    pubnub_config.secret_key = "sec"
    pubnub = PubNub(pubnub_config)
    endpoint = pubnub.publish().channel("a b").message({"x": "y+z"}).meta({"m": "n"})
    request = endpoint.build_request()
    options = RequestOptions.for_request(endpoint, request, pubnub_config)
    platform = PlatformOptions({"User-Agent": pubnub.sdk_name}, pubnub_config)
    rebuilt = http_request_from_options(platform, options)
    assert rebuilt == request
    options.merge_params_in({"extra": "1%2C2"})
    assert http_request_from_options(platform, options).url == request.url + "&extra=1%2C2"
    assert options.method_string == HttpMethod.string(HttpMethod.GET)


def test_handler_failures_become_error_statuses(pubnub_config: Any) -> None:
    class Raising(BaseRequestHandler):
        def sync_request(self, platform_options: Any, endpoint_call_options: Any) -> Any:
            raise RuntimeError("socket trouble at http://x/?auth=secret")

    class ReturnsNothing(BaseRequestHandler):
        def sync_request(self, platform_options: Any, endpoint_call_options: Any) -> Any:
            return None

    pubnub = PubNub(pubnub_config)
    for handler in (Raising(), ReturnsNothing()):
        pubnub.set_request_handler(handler)
        with pytest.raises(PubNubException) as raised:
            pubnub.time().sync()
        assert raised.value.pn_error == PNERR_UNKNOWN_ERROR
        assert raised.value.status.category == CAT.PNUnknownCategory
        listener = NonSubscribeListener()
        pubnub.time().pn_async(listener.callback)
        assert listener.pn_await(5) and listener.status.is_error() and listener.result is None


@pytest.mark.parametrize("handler", [RequestsRequestHandler, object(), BaseRequestHandler(), "requests"],
                         ids=["a class", "no sync_request", "the bare base", "a string"])
def test_set_request_handler_refuses_what_cannot_send(pubnub_config: Any, handler: Any) -> None:
    pubnub = PubNub(pubnub_config)
    with pytest.raises(PubNubException) as raised:
        pubnub.set_request_handler(handler)
    assert raised.value.pn_error == PNERR_PAM_INVALID_ARGUMENTS
    assert pubnub.time().sync().status.status_code == 200  # the built-in transport is still in place


def test_base_async_request_runs_sync_request_on_a_thread(pubnub_config: Any) -> None:
    pubnub = PubNub(pubnub_config)
    handler = Urllib2RequestHandler(pubnub)
    endpoint = pubnub.time()
    request = endpoint.build_request()
    options = RequestOptions.for_request(endpoint, request, pubnub_config)
    platform = PlatformOptions({"User-Agent": pubnub.sdk_name}, pubnub_config)
    done = threading.Event()
    got: List[Any] = []

    def callback(envelope: Envelope) -> None:
        got.append((envelope, threading.current_thread()))
        done.set()
    call = handler.async_request("Time", platform, options, callback, None)
    assert done.wait(5)
    call.join(5)
    envelope, thread = got[0]
    assert int(envelope.result) > 0 and thread is call.thread and thread is not threading.current_thread()

    cancelled = threading.Event()
    cancelled.set()
    skipped: List[Any] = []
    call = handler.async_request("Time", platform, options, skipped.append, cancelled)
    call.join(5)
    assert not call.is_alive() and skipped == []


def _config(origin: str, **settings: Any) -> PNConfiguration:
    config = PNConfiguration()
    config.origin, config.ssl = origin, False
    config.publish_key, config.subscribe_key, config.uuid = "pub-c-test", "sub-c-test", "handler-uuid"
    config.connect_timeout = 2
    for name, value in settings.items():
        setattr(config, name, value)
    return config
