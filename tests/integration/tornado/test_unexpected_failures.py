"""A transport failing in a way it does not translate (a replay library refusing an unrecorded
request, a test double, a bug) still ends the call with an error status in every mode: nothing is
raised into the IOLoop or out of ``.future()``, and no call is left waiting forever."""
from __future__ import annotations

import asyncio
from typing import Any, Callable, List

import pytest

from pubnub._http import HttpRequest
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException

from ._support import make_config, replay


class FailingTransport:
    """Refuses every request: synchronously, or through the callback as a transport would."""

    def __init__(self, how: str) -> None:
        self.how = how

    def send(self, request: HttpRequest, callback: Callable[[Any], None]) -> None:
        if self.how == "raises":
            raise RuntimeError("refused before sending")
        callback(RuntimeError("refused in the callback"))

    def close(self) -> None:
        pass


def _assert_unknown_failure(status: Any, text: str) -> None:
    assert status.is_error() and status.category == PNStatusCategory.PNUnknownCategory
    assert status.operation == PNOperationType.PNPublishOperation
    assert status.error_data.information == "Unknown Error: RuntimeError: " + text


@pytest.mark.parametrize(("transport", "text"), [
    (FailingTransport("raises"), "refused before sending"),
    (FailingTransport("calls back"), "refused in the callback"),
], ids=["raises", "calls-back"])
@pytest.mark.gen_test
async def test_every_mode_ends_with_an_error_status(io_loop: Any, transport: Any, text: str) -> None:
    pubnub = PubNubTornado(make_config(), custom_ioloop=io_loop, transport=transport)

    outcome = await pubnub.publish().channel("ch").message("hi").future()
    assert isinstance(outcome, PubNubTornadoException)
    _assert_unknown_failure(outcome.status, text)

    with pytest.raises(PubNubException) as raised:
        await pubnub.publish().channel("ch").message("hi").result()
    assert str(raised.value) == "Unknown Error: RuntimeError: " + text

    statuses: List[Any] = []
    delivered = asyncio.Event()

    def callback(result: Any, status: Any) -> None:
        statuses.append((result, status))
        delivered.set()
    pubnub.publish().channel("ch").message("hi").pn_async(callback)
    await asyncio.wait_for(delivered.wait(), 5)
    [(result, status)] = statuses
    assert result is None
    _assert_unknown_failure(status, text)


@pytest.mark.gen_test
async def test_a_request_missing_from_the_cassette_is_an_error_status(
        make_pubnub: Callable[..., PubNubTornado]) -> None:
    pubnub = make_pubnub()
    with replay("time/success.yaml"):
        assert not (await pubnub.time().future()).is_error()
        outcome = await pubnub.publish().channel("ch").message("not recorded").future()
    assert isinstance(outcome, PubNubTornadoException)
    assert outcome.status.category == PNStatusCategory.PNUnknownCategory
    assert outcome.status.error_data.information.startswith(
        "Unknown Error: CannotOverwriteExistingCassetteException: ")


@pytest.mark.gen_test
async def test_a_failing_flow_still_ends_the_call_in_every_mode(make_pubnub: Callable[..., PubNubTornado]) -> None:
    pubnub = make_pubnub()

    def broken(endpoint: Any) -> Any:
        def broken_flow() -> Any:
            raise KeyError("region")  # a bug in a multi-request flow, before its first request
            yield  # pragma: no cover - makes this a generator
        endpoint.flow = broken_flow
        return endpoint

    outcome = await broken(pubnub.time()).future()
    assert isinstance(outcome, PubNubTornadoException)
    assert outcome.status.category == PNStatusCategory.PNInternalExceptionCategory
    assert outcome.status.error_data.information == "None: KeyError: 'region'"

    with pytest.raises(PubNubException):
        await broken(pubnub.time()).result()

    delivered: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
    broken(pubnub.time()).pn_async(lambda result, status: delivered.set_result(status))
    status = await asyncio.wait_for(delivered, 5)
    assert status.category == PNStatusCategory.PNInternalExceptionCategory
