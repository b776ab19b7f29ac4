"""The client's HTTP client over its life: 4.8.1's ``pubnub.http`` attribute, closed by 4.x test
teardowns, and the calls that come after."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from pubnub.pubnub_tornado import PubNubTornado

from ._support import replay


@pytest.mark.gen_test
async def test_closing_http_closes_the_transport_and_the_next_call_opens_a_new_one(
        io_loop: Any, make_pubnub: Callable[..., PubNubTornado]) -> None:
    pubnub = make_pubnub()
    first = pubnub.transport
    assert pubnub.http.io_loop is io_loop  # the AsyncHTTPClient's own attributes read through
    pubnub.http.close()
    assert first.closed

    with replay("time/success.yaml"):
        envelope = await pubnub.time().future()
    assert not envelope.is_error()
    assert pubnub.transport is not first and not pubnub.transport.closed
