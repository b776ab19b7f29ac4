"""get_file_url: the computed URL (get_complete_url), the unfollowed redirect, validation order."""
from __future__ import annotations

from urllib.parse import unquote

import pytest

from pubnub import utils
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_FILE_ID_MISSING,
    PNERR_FILE_NAME_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.file import PNGetFileDownloadURLResult

from ...support import NOW, OfflineClient, invalid, make_client, make_config, path_of, query_of, sdk
from ._files import DOWNLOAD_URL, FILE_ID, FILE_NAME, reply, respond


def _endpoint(client):
    return GetFileDownloadUrl(client).channel("files_ch").file_id(FILE_ID).file_name(FILE_NAME)


def test_complete_url_matches_the_4_8_1_example():
    client = OfflineClient(make_config(subscribe_key="sub-c-mock", uuid="me"), version="4.8.1")
    url = GetFileDownloadUrl(client).channel("ch").file_id("id").file_name("f.txt").get_complete_url()
    assert url == "https://ps.pndsn.com/v1/files/sub-c-mock/channels/ch/files/id/f.txt?pnsdk=PubNub-Python%2F4.8.1&uuid=me"


def test_complete_url_carries_auth_and_a_valid_signature():
    client = make_client(auth_key="test_auth_key", secret_key="sec-c-test")
    url = _endpoint(client).get_complete_url()
    path = "/v1/files/sub-c-test/channels/files_ch/files/%s/%s" % (FILE_ID, FILE_NAME)
    assert url.startswith("https://ps.pndsn.com" + path + "?")
    query = dict(item.split("=", 1) for item in url.split("?", 1)[1].split("&"))
    assert query["auth"] == "test_auth_key" and query["timestamp"] == str(NOW)
    signed = {k: unquote(v) for k, v in query.items() if k != "signature"}
    assert query["signature"] == utils.sign_request_v2("sec-c-test", "pub-c-test", "GET", path, signed, None)


def test_request_does_not_follow_the_redirect(client):
    endpoint = _endpoint(client)
    assert endpoint.operation_type() == PNOperationType.PNGetFileDownloadURLAction == 48
    assert endpoint.build_path() == GetFileDownloadUrl.GET_FILE_DOWNLOAD_URL % ("sub-c-test", "files_ch", FILE_ID,
                                                                                FILE_NAME)
    request = endpoint.build_request()
    assert request.method == "GET" and request.body is None
    assert request.follow_redirects is False
    assert path_of(request) == "/v1/files/sub-c-test/channels/files_ch/files/%s/%s" % (FILE_ID, FILE_NAME)
    assert query_of(request) == {"pnsdk": client.sdk_name, "uuid": "test-uuid"}
    assert endpoint.build_params_callback()({}) == {"pnsdk": sdk(client), "uuid": "test-uuid"}


def test_the_redirect_location_is_the_result(client):
    endpoint = _endpoint(client)
    envelope = respond(endpoint, endpoint.build_request(), reply(307, b"", {"location": DOWNLOAD_URL}))
    assert not envelope.is_error()
    result = envelope.result
    assert isinstance(result, PNGetFileDownloadURLResult) and result.file_url == DOWNLOAD_URL
    assert str(result) == "Get file URL success with url: %s" % DOWNLOAD_URL
    status = envelope.status
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.status_code == 307
    assert status.operation == PNOperationType.PNGetFileDownloadURLAction


def test_a_redirect_without_location_is_a_malformed_answer(client):
    endpoint = _endpoint(client)
    envelope = respond(endpoint, endpoint.build_request(), reply(307))
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNMalformedResponseCategory


def test_an_error_answer_is_reported(client):
    endpoint = _endpoint(client)
    body = b'{"status": 403, "error": true, "message": "Forbidden"}'
    envelope = respond(endpoint, endpoint.build_request(), reply(403, body))
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.original_response == {"status": 403, "error": True, "message": "Forbidden"}
    assert str(envelope.status.error_data.exception) == "HTTP Client Error (403): %s" % body.decode()


@pytest.mark.parametrize(("settings", "values", "error"), [
    ({"subscribe_key": None}, {"channel": "c", "file_id": "i", "file_name": "n"}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {"file_id": "i", "file_name": "n"}, PNERR_CHANNEL_MISSING),
    ({}, {"channel": "c"}, PNERR_FILE_ID_MISSING),  # here the id is checked before the name
    ({}, {"channel": "c", "file_id": "i"}, PNERR_FILE_NAME_MISSING),
])
def test_validation(settings, values, error):
    endpoint = GetFileDownloadUrl(make_client(**settings))
    for name, value in values.items():
        getattr(endpoint, name)(value)
    assert invalid(endpoint).pn_error == error
    with pytest.raises(Exception) as raised:
        endpoint.get_complete_url()
    assert raised.value.pn_error == error
