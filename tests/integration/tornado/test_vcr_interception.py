"""Proof that cassette replay intercepts the Tornado transport with both HTTP clients.

vcrpy patches ``fetch_impl`` of ``SimpleAsyncHTTPClient`` and ``CurlAsyncHTTPClient``. The client
is pointed at a closed local port: a real connection attempt would be refused at once, so a
replayed success proves nothing was sent, and the same call outside the cassette shows the port
really is closed.
"""
from __future__ import annotations

from typing import Any

import pytest
from tornado.curl_httpclient import CurlAsyncHTTPClient
from tornado.simple_httpclient import SimpleAsyncHTTPClient

from pubnub._transport.tornado import TornadoTransport
from pubnub.enums import PNStatusCategory
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException

from ._support import closed_origin, make_config, replay


@pytest.mark.parametrize("use_curl", [True, False], ids=["curl", "simple"])
@pytest.mark.gen_test
async def test_replay_intercepts_the_transport(io_loop: Any, use_curl: bool) -> None:
    transport = TornadoTransport(use_curl=use_curl)
    try:
        assert transport.uses_curl is use_curl
        assert type(transport._client) is (CurlAsyncHTTPClient if use_curl else SimpleAsyncHTTPClient)
        pubnub = PubNubTornado(make_config(origin=closed_origin(), ssl=False), custom_ioloop=io_loop,
                               transport=transport)

        with replay("time/success.yaml"):
            envelope = await pubnub.time().future()
        assert not envelope.is_error(), envelope
        assert int(envelope.result) == 14818963707386265

        outside = await pubnub.time().future()  # control: without the cassette the port refuses
        assert isinstance(outside, PubNubTornadoException)
        assert outside.status.category == PNStatusCategory.PNNetworkIssuesCategory
    finally:
        transport.close()


@pytest.mark.gen_test
async def test_the_default_transport_is_the_curl_client(io_loop: Any) -> None:
    pubnub = PubNubTornado(make_config(origin=closed_origin(), ssl=False), custom_ioloop=io_loop)
    try:
        assert pubnub.transport.uses_curl is True  # so every other cassette test replays through curl
    finally:
        pubnub.transport.close()
