"""pubnub.time() on PubNubTornado, replayed from fixtures/tornado/time/, through every execution mode."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.time import PNTimeResponse
from pubnub.pubnub_tornado import PubNubTornado, TornadoEnvelope

from ._support import replay

TIMETOKEN = 14818963707386265


def _assert_success_status(status: Any) -> None:
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert status.operation == PNOperationType.PNTimeOperation
    assert status.error is None and not status.is_error() and status.error_data is None
    assert status.status_code == 200
    assert status.original_response == [TIMETOKEN]
    assert status.tls_enabled is False and status.origin == "127.0.0.1" and status.uuid == "test-uuid"
    assert status.affected_channels is None and status.affected_groups is None


@pytest.mark.gen_test
async def test_time_future_resolves_to_an_envelope(make_pubnub: Callable[..., PubNubTornado]) -> None:
    pubnub = make_pubnub(auth_key="my-auth")  # time never sends auth: the cassette has none to match
    with replay("time/success.yaml"):
        envelope = await pubnub.time().future()
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    assert isinstance(envelope.result, PNTimeResponse)
    assert int(envelope.result) == TIMETOKEN and envelope.result.value_as_string == str(TIMETOKEN)
    assert envelope.result.date_time().year == 2016
    _assert_success_status(envelope.status)
    assert "auth=" not in envelope.status.client_request.url


@pytest.mark.gen_test
async def test_time_result_returns_the_response(make_pubnub: Callable[..., PubNubTornado]) -> None:
    with replay("time/success.yaml"):
        result = await make_pubnub().time().result()
    assert isinstance(result, PNTimeResponse) and int(result) == TIMETOKEN


@pytest.mark.gen_test
async def test_time_pn_async_calls_back_on_the_loop(make_pubnub: Callable[..., PubNubTornado]) -> None:
    done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    with replay("time/success.yaml"):
        make_pubnub().time().pn_async(lambda result, status: done.set_result((result, status)))
        result, status = await asyncio.wait_for(done, 2)
    assert int(result) == TIMETOKEN
    _assert_success_status(status)


@pytest.mark.gen_test
async def test_requests_are_logged_on_the_pubnub_logger_without_keys(
        make_pubnub: Callable[..., PubNubTornado], caplog: pytest.LogCaptureFixture) -> None:
    pubnub = make_pubnub(auth_key="auth-secret-value", secret_key=None)
    with caplog.at_level(logging.DEBUG, logger="pubnub"), replay("time/success.yaml"):
        await pubnub.time().result()
    records = [r for r in caplog.records if r.name == "pubnub" or r.name.startswith("pubnub.")]
    assert records, "a completed call logs at DEBUG on the 'pubnub' logger"
    for record in records:
        text = record.getMessage()
        assert "sub-c-test" not in text and "pub-c-test" not in text and "auth-secret-value" not in text
