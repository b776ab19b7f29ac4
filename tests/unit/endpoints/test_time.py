"""Time endpoint: request shape and the PNTimeResponse model."""
from __future__ import annotations

import datetime

from pubnub.endpoints.time import Time
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.models.consumer.time import PNTimeResponse

from ..support import answer, make_client, query_pairs, sdk


def test_path_and_query(client):
    endpoint = client.time()
    assert endpoint.build_path() == Time.TIME_PATH == "/time/0"
    request = endpoint.build_request()
    assert request.method == "GET"
    assert request.body is None
    assert request.url == "https://ps.pndsn.com/time/0?pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_declarations(client):
    endpoint = client.time()
    assert endpoint.operation_type() == PNOperationType.PNTimeOperation == 17
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.is_auth_required() is False
    assert endpoint.request_timeout() == 10
    assert endpoint.connect_timeout() == 10


def test_auth_key_is_not_sent():
    client = make_client(auth_key="my-auth")
    assert [name for name, _ in query_pairs(client.time().build_request())] == ["pnsdk", "uuid"]


def test_params_callback(client):
    params = client.time().build_params_callback()({"extra": "x"})
    assert params == {"pnsdk": sdk(client), "uuid": "test-uuid", "extra": "x"}


def test_plain_origin_without_ssl():
    client = make_client(ssl=False, origin="127.0.0.1:8765")
    assert client.time().build_request().url.startswith("http://127.0.0.1:8765/time/0?")


def test_create_response_recorded_body(client):
    result = client.time().create_response([14818963707386265])
    assert isinstance(result, PNTimeResponse)
    assert int(result) == result.value_as_int == 14818963707386265
    assert str(result) == result.value_as_string == "14818963707386265"
    assert result.date_time() == datetime.date.fromtimestamp(1481896370.7386265)


def test_envelope_of_success(client):
    envelope = answer(client.time(), [14818963707386265])
    assert int(envelope.result) == 14818963707386265
    status = envelope.status
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert status.operation == PNOperationType.PNTimeOperation
    assert status.error is None
    assert status.status_code == 200
    assert status.original_response == [14818963707386265]
