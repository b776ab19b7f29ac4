"""download_file: get the redirect location, then GET it as given; raw bytes, decryption, failures."""
from __future__ import annotations

import pytest

from pubnub.crypto import PubNubFileCrypto
from pubnub.endpoints.file_operations.download_file import DownloadFileNative
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_FILE_ID_MISSING,
    PNERR_FILE_NAME_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.file import PNDownloadFileResult

from ...support import make_client, path_of, query_of
from ._files import CONTENT, DOWNLOAD_URL, FILE_ID, FILE_NAME, reply, run_flow

REDIRECT = reply(307, b"", {"Location": DOWNLOAD_URL})


def _download(client):
    return DownloadFileNative(client).channel("files_ch").file_id(FILE_ID).file_name(FILE_NAME)


def test_two_steps_and_raw_bytes():
    client = make_client(auth_key="test_auth_key")
    endpoint = _download(client)
    assert endpoint.operation_type() == PNOperationType.PNDownloadFileAction == 50
    binary = bytes(range(256))  # not JSON, not UTF-8
    envelope, sent = run_flow(endpoint, [REDIRECT, reply(200, binary)])
    (locate, locate_request), (fetch, fetch_request) = sent
    assert isinstance(locate, GetFileDownloadUrl) and locate_request.follow_redirects is False
    assert path_of(locate_request) == "/v1/files/sub-c-test/channels/files_ch/files/%s/%s" % (FILE_ID, FILE_NAME)
    assert query_of(locate_request)["auth"] == "test_auth_key"
    assert isinstance(fetch, DownloadFileNative)
    assert fetch_request.method == "GET" and fetch_request.body is None
    assert fetch_request.url == DOWNLOAD_URL  # exactly as given: no pnsdk, uuid or auth added
    assert set(fetch_request.headers) == {"User-Agent"} and fetch_request.follow_redirects is True
    result = envelope.result
    assert isinstance(result, PNDownloadFileResult) and result.data == binary
    assert str(result) == "Downloading file success with 256 bytes"
    status = envelope.status
    assert status.operation == PNOperationType.PNDownloadFileAction and status.status_code == 200
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert status.origin == "files-eu-central-1.pndsn.com" and status.auth_key is None


def test_recorded_encrypted_file_is_decrypted(monkeypatch):
    # The recorded object: 48 bytes starting with the ASCII IV 7765237698281976 (key "silly_walk").
    monkeypatch.setattr("pubnub.crypto._random_iv", lambda: "7765237698281976")
    stored = PubNubFileCrypto().encrypt("silly_walk", CONTENT)
    assert len(stored) == 48 and stored.startswith(b"7765237698281976")
    envelope, _ = run_flow(_download(make_client()).cipher_key("silly_walk"), [REDIRECT, reply(200, stored)])
    assert envelope.result.data == CONTENT


def test_builder_key_wins_over_configured_key():
    stored = PubNubFileCrypto().encrypt("builder-key", CONTENT)
    client = make_client(cipher_key="config-key")
    envelope, _ = run_flow(_download(client).cipher_key("builder-key"), [REDIRECT, reply(200, stored)])
    assert envelope.result.data == CONTENT
    configured = PubNubFileCrypto().encrypt("config-key", CONTENT)
    envelope, _ = run_flow(_download(client), [REDIRECT, reply(200, configured)])
    assert envelope.result.data == CONTENT


def test_undecryptable_content_is_reported_not_raised():
    truncated = PubNubFileCrypto().encrypt("key", CONTENT)[:-1]  # no longer whole AES blocks
    envelope, _ = run_flow(_download(make_client()).cipher_key("key"), [REDIRECT, reply(200, truncated)])
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNMalformedResponseCategory


def test_locating_failure_ends_the_call(client):
    body = b'{"status": 403, "error": true, "message": "Forbidden"}'
    envelope, sent = run_flow(_download(client), [reply(403, body)])
    assert len(sent) == 1 and envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.operation == PNOperationType.PNGetFileDownloadURLAction


def test_missing_object_is_a_client_error(client):
    missing = b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code></Error>'
    envelope, _ = run_flow(_download(client), [REDIRECT, reply(404, missing)])
    assert envelope.result is None and envelope.status.status_code == 404
    assert envelope.status.operation == PNOperationType.PNDownloadFileAction
    assert str(envelope.status.error_data.exception) == "HTTP Client Error (404): %s" % missing.decode()


@pytest.mark.parametrize(("settings", "values", "error"), [
    ({"subscribe_key": None}, {"channel": "c", "file_id": "i", "file_name": "n"}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {"file_id": "i", "file_name": "n"}, PNERR_CHANNEL_MISSING),
    ({}, {"channel": "c"}, PNERR_FILE_NAME_MISSING),
    ({}, {"channel": "c", "file_name": "n"}, PNERR_FILE_ID_MISSING),
])
def test_validation_comes_before_any_request(settings, values, error):
    endpoint = DownloadFileNative(make_client(**settings))
    for name, value in values.items():
        getattr(endpoint, name)(value)
    with pytest.raises(PubNubException) as raised:
        endpoint.validate_params()
    assert raised.value.pn_error == error
    envelope, sent = run_flow(endpoint, [])
    assert sent == [] and envelope.status.category == PNStatusCategory.PNBadRequestCategory
    assert envelope.status.error_data.exception.pn_error == error


def test_the_builder_itself_is_no_single_request(client):
    with pytest.raises(PubNubException) as raised:
        _download(client).build_request()
    assert "no file URL yet" in str(raised.value)
