"""The one HTTP-outcome mapping (pubnub._outcome), pinned row by row.

Each row describes what happened to a real endpoint's call (an HTTP answer, a transport failure,
or a refusal before sending) and the complete ``Envelope`` the mapping must produce for it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

import pytest

from pubnub import _outcome
from pubnub._http import HttpResponse
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PubNubException
from pubnub.models.consumer.message_actions import PNAddMessageActionResult, PNMessageAction
from pubnub.models.consumer.time import PNTimeResponse
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado
from pubnub.structures import Envelope

ADD_OK = {"status": 200, "data": {"type": "reaction", "value": "smiley_face", "actionTimetoken": "15610547826970050",
                                  "messageTimetoken": "15610547826969050", "uuid": "test-uuid"}}
ADD_207 = ('{"status": 207, "data": {"type": "reaction", "value": "smiley_face", "uuid": "test-uuid", '
           '"actionTimetoken": "15610547826970050", "messageTimetoken": "15610547826969050"}, '
           '"error": {"message": "Stored but failed to publish message action.", "source": "actions"}}')
ADD_400 = ('{"status": 400, "error": {"source": "actions", "message": "Request payload contained invalid input.", '
           '"details": [{"message": "Missing field", "location": "value", "locationType": "body"}]}}')
ADD_403 = ('{"status": 403, "error": {"source": "actions", "message": "Supplied authorization key does not have '
           'the permissions required to perform this operation."}}')
ADD_409 = '{"status": 409, "error": {"source": "actions", "message": "Action Already Added"}}'
NOT_FOUND_HTML = "<html><body><h1>404 Not Found</h1></body></html>"
SERVER_500 = '{"error": true}'
BAD_GATEWAY_HTML = "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"


def _client(io_loop: Any) -> PubNubTornado:
    config = PNConfiguration()
    config.publish_key = "pub-c-test"
    config.subscribe_key = "sub-c-test"
    config.uuid = "test-uuid"
    return PubNubTornado(config, custom_ioloop=io_loop)


def _add_action(pubnub: PubNubTornado) -> Any:
    action = PNMessageAction({"type": "reaction", "value": "smiley_face", "messageTimetoken": "15610547826969050"})
    return pubnub.add_message_action().channel("chats.room1").message_action(action)


def _answered(make_endpoint: Callable[[PubNubTornado], Any], code: int, body: str) -> Callable[[PubNubTornado], Any]:
    """The call was sent and got ``code`` with ``body``."""
    def happen(pubnub: PubNubTornado) -> tuple[Any, Envelope]:
        endpoint = make_endpoint(pubnub)
        request = endpoint.build_request()
        response = HttpResponse(code, {"Content-Type": 'text/javascript; charset="UTF-8"'}, body.encode("utf-8"),
                                request.url)
        return request, _outcome.from_response(endpoint, request, response)
    return happen


def _no_answer(error: Exception) -> Callable[[PubNubTornado], Any]:
    """The call was sent but the transport got no HTTP answer."""
    def happen(pubnub: PubNubTornado) -> tuple[Any, Envelope]:
        endpoint = pubnub.time()
        request = endpoint.build_request()
        return request, _outcome.from_transport_error(endpoint, request, error)
    return happen


def _refused(make_endpoint: Callable[[PubNubTornado], Any]) -> Callable[[PubNubTornado], Any]:
    """Building the request failed, so nothing was sent."""
    def happen(pubnub: PubNubTornado) -> tuple[Any, Envelope]:
        endpoint = make_endpoint(pubnub)
        with pytest.raises(Exception) as caught:
            endpoint.build_request()
        return None, _outcome.from_invalid_input(endpoint, caught.value)
    return happen


def _add_without_channel(pubnub: PubNubTornado) -> Any:
    action = PNMessageAction({"type": "reaction", "value": "smiley_face", "messageTimetoken": "15610547826969050"})
    return pubnub.add_message_action().message_action(action)


def _time_with_a_bug(pubnub: PubNubTornado) -> Any:
    endpoint = pubnub.time()

    def build_path() -> str:
        raise KeyError("region")
    endpoint.build_path = build_path  # type: ignore[method-assign]  # stands for a programming error inside an endpoint
    return endpoint


def _time_read_with_a_bug(pubnub: PubNubTornado) -> Any:
    endpoint = pubnub.time()

    def decode_response(response: HttpResponse) -> Any:
        raise TypeError("stands for a programming error while reading an answer")
    endpoint.decode_response = decode_response  # type: ignore[method-assign]
    return endpoint


def _time_result(result: Any) -> None:
    assert isinstance(result, PNTimeResponse)
    assert int(result) == 14818963707386265 and str(result) == "14818963707386265"


def _add_result(result: Any) -> None:
    assert isinstance(result, PNAddMessageActionResult)
    assert vars(result) == {"type": "reaction", "value": "smiley_face", "message_timetoken": "15610547826969050",
                            "uuid": "test-uuid", "action_timetoken": "15610547826970050"}


def _no_result(result: Any) -> None:
    assert result is None


@dataclass
class Row:
    happen: Callable[[PubNubTornado], Any]
    category: int
    operation: int
    status_code: Optional[int]
    pn_error: Optional[str]  # None: the status has no error at all
    text: Optional[str]
    original_response: Any
    check_result: Callable[[Any], None]
    error: Any = True


TIME = PNOperationType.PNTimeOperation
ADD = PNOperationType.PNAddMessageAction
CAT = PNStatusCategory

ROWS = {
    "2xx JSON (time)": Row(
        _answered(lambda p: p.time(), 200, "[14818963707386265]"), CAT.PNAcknowledgmentCategory, TIME, 200,
        None, None, [14818963707386265], _time_result, error=None),
    "2xx JSON (add action)": Row(
        _answered(_add_action, 200, json.dumps(ADD_OK)), CAT.PNAcknowledgmentCategory, ADD, 200,
        None, None, ADD_OK, _add_result, error=None),
    "200 empty body": Row(
        _answered(lambda p: p.time(), 200, ""), CAT.PNMalformedResponseCategory, TIME, 200,
        "JSON decoding failed", "JSON decoding failed (200): json decode error", None, _no_result),
    "200 non-JSON body": Row(
        _answered(lambda p: p.time(), 200, "<html>maintenance</html>"), CAT.PNMalformedResponseCategory, TIME, 200,
        "JSON decoding failed", "JSON decoding failed (200): json decode error", None, _no_result),
    "200 JSON nested too deeply to read": Row(
        _answered(lambda p: p.time(), 200, "[" * 100000 + "]" * 100000), CAT.PNMalformedResponseCategory, TIME, 200,
        "JSON decoding failed", "JSON decoding failed (200): json decode error", None, _no_result),
    "200 JSON of an unexpected shape": Row(
        _answered(_add_action, 200, '{"status": 200}'), CAT.PNMalformedResponseCategory, ADD, 200,
        "JSON decoding failed", "JSON decoding failed (200): unexpected response: KeyError", {"status": 200},
        _no_result),
    "a failure while reading the answer": Row(
        _answered(_time_read_with_a_bug, 200, "[14818963707386265]"), CAT.PNMalformedResponseCategory, TIME, 200,
        "JSON decoding failed", "JSON decoding failed (200): unexpected response: TypeError", None, _no_result),
    "207 partial success": Row(
        _answered(_add_action, 207, ADD_207), CAT.PNAcknowledgmentCategory, ADD, 207,
        "HTTP Server Error", "HTTP Server Error (207): " + ADD_207, json.loads(ADD_207), _add_result),
    "400": Row(
        _answered(_add_action, 400, ADD_400), CAT.PNBadRequestCategory, ADD, 400,
        "HTTP Client Error", "HTTP Client Error (400): " + ADD_400, json.loads(ADD_400), _no_result),
    "403": Row(
        _answered(_add_action, 403, ADD_403), CAT.PNAccessDeniedCategory, ADD, 403,
        "HTTP Client Error", "HTTP Client Error (403): " + ADD_403, json.loads(ADD_403), _no_result),
    "404 (HTML body)": Row(
        _answered(lambda p: p.time(), 404, NOT_FOUND_HTML), CAT.PNUnknownCategory, TIME, 404,
        "HTTP Client Error", "HTTP Client Error (404): " + NOT_FOUND_HTML, None, _no_result),
    "409": Row(
        _answered(_add_action, 409, ADD_409), CAT.PNUnknownCategory, ADD, 409,
        "HTTP Client Error", "HTTP Client Error (409): " + ADD_409, json.loads(ADD_409), _no_result),
    "500": Row(
        _answered(lambda p: p.time(), 500, SERVER_500), CAT.PNUnknownCategory, TIME, 500,
        "HTTP Server Error", "HTTP Server Error (500): " + SERVER_500, {"error": True}, _no_result),
    "502 (HTML body)": Row(
        _answered(_add_action, 502, BAD_GATEWAY_HTML), CAT.PNUnknownCategory, ADD, 502,
        "HTTP Server Error", "HTTP Server Error (502): " + BAD_GATEWAY_HTML, None, _no_result),
    "transport timeout": Row(
        _no_answer(PNTimeoutError("Timeout during request")), CAT.PNTimeoutCategory, TIME, None,
        "Client Timeout", "Client Timeout: Timeout during request", None, _no_result),
    "transport connection error": Row(
        _no_answer(PNConnectionError("[Errno 111] Connection refused")), CAT.PNNetworkIssuesCategory, TIME, None,
        "Connection Error", "Connection Error: [Errno 111] Connection refused", None, _no_result),
    "any other transport failure": Row(
        _no_answer(RuntimeError("cassette has no such request")), CAT.PNUnknownCategory, TIME, None,
        "Unknown Error", "Unknown Error: RuntimeError: cassette has no such request", None, _no_result),
    "invalid input": Row(
        _refused(_add_without_channel), CAT.PNBadRequestCategory, ADD, None,
        "Channel missing", "Channel missing", None, _no_result),
    "unexpected error while building": Row(
        _refused(_time_with_a_bug), CAT.PNInternalExceptionCategory, TIME, None,
        None, "None: KeyError: 'region'", None, _no_result),
}


@pytest.mark.parametrize("row", list(ROWS.values()), ids=list(ROWS))
def test_outcome_table(io_loop: Any, row: Row) -> None:
    pubnub = _client(io_loop)
    request, envelope = row.happen(pubnub)
    status = envelope.status

    assert status.category == row.category
    assert status.operation == row.operation
    assert status.error is row.error
    assert status.is_error() is bool(row.error)
    assert status.status_code == row.status_code
    assert status.original_response == row.original_response
    assert status.client_request is request
    assert status.uuid == "test-uuid" and status.origin == "ps.pndsn.com" and status.tls_enabled is True
    if row.text is None:
        assert status.error_data is None
    else:
        exception = status.error_data.exception
        assert isinstance(exception, PubNubException)
        assert exception.pn_error == row.pn_error
        assert str(exception) == row.text
        assert status.error_data.information == row.text
        assert exception.status_code == (row.status_code or 0)
    row.check_result(envelope.result)
