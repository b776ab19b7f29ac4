"""send_file: the three-step flow, the multipart upload encoded in core, encryption, failures, validation."""
from __future__ import annotations

import io
import json
from urllib.parse import unquote

import pytest

from pubnub.crypto import PubNubFileCrypto
from pubnub.endpoints.file_operations.fetch_upload_details import FetchFileUploadS3Data
from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
from pubnub.endpoints.file_operations.send_file import SendFileNative, _boundary, encode_multipart
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_CLIENT_ERROR,
    PNERR_FILE_NAME_MISSING,
    PNERR_FILE_OBJECT_MISSING,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.file import PNSendFileResult

from ...support import make_client, path_of, query_of
from ._files import (
    CONTENT,
    FILE_ID,
    FILE_NAME,
    FORM_FIELDS,
    PUBLISHED,
    UPLOAD_DETAILS,
    UPLOAD_URL,
    multipart_parts,
    reply,
    run_flow,
)

ANSWERS = [reply(200, UPLOAD_DETAILS), reply(204), reply(200, PUBLISHED)]
TOO_LARGE = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code><Message>Your proposed '
             b'upload exceeds the maximum allowed size</Message><ProposedSize>5243904</ProposedSize>'
             b'<MaxSizeAllowed>5242880</MaxSizeAllowed></Error>')


def _send(client, content=CONTENT):
    return SendFileNative(client).channel("files_ch").file_name(FILE_NAME).file_object(content)


def test_the_three_steps(client):
    endpoint = _send(client).message({"test_message": "test"})
    assert endpoint.operation_type() == PNOperationType.PNSendFileAction == 51
    envelope, sent = run_flow(endpoint, ANSWERS)
    (fetch, fetch_request), (upload, upload_request), (publish, publish_request) = sent

    assert isinstance(fetch, FetchFileUploadS3Data)
    assert path_of(fetch_request) == "/v1/files/sub-c-test/channels/files_ch/generate-upload-url"
    assert fetch_request.body == b'{"name": "king_arthur.txt"}'

    assert isinstance(upload, SendFileNative)
    assert upload_request.method == "POST" and upload_request.url == UPLOAD_URL  # exactly, no query
    assert set(upload_request.headers) == {"User-Agent", "Content-Type"}
    assert upload_request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    parts = multipart_parts(upload_request)
    assert parts[:-1] == [(b'Content-Disposition: form-data; name="%s"' % f["key"].encode(), f["value"].encode())
                          for f in FORM_FIELDS]
    assert parts[-1] == (b'Content-Disposition: form-data; name="file"; filename="king_arthur.txt"', CONTENT)

    assert isinstance(publish, PublishFileMessage)
    payload = json.loads(unquote(path_of(publish_request).rsplit("/", 1)[1]))
    assert payload == {"message": {"test_message": "test"}, "file": {"id": FILE_ID, "name": FILE_NAME}}

    assert not envelope.is_error()
    result = envelope.result
    assert isinstance(result, PNSendFileResult)
    assert (result.name, result.file_id, result.timestamp) == (FILE_NAME, FILE_ID, "16058160503920483")
    assert str(result) == "Sending file success with file id: %s, timetoken: 16058160503920483" % FILE_ID
    status = envelope.status  # the upload's status, as in 4.8.1
    assert status.operation == PNOperationType.PNSendFileAction and status.status_code == 204
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert status.origin == "pubnub-mnemosyne-files-eu-central-1-prd.s3.amazonaws.com" and status.tls_enabled


def test_upload_sends_no_pubnub_parameters_even_with_auth_and_secret():
    client = make_client(auth_key="ak", secret_key="sec-c-test")
    _, sent = run_flow(_send(client), ANSWERS)
    assert query_of(sent[0][1])["auth"] == "ak" and "signature" in query_of(sent[0][1])
    assert sent[1][1].url == UPLOAD_URL and sent[1][0].build_params_callback()({}) == {}
    assert query_of(sent[2][1])["auth"] == "ak"


def test_every_option_reaches_the_file_message(client):
    endpoint = _send(client).meta({"m": 1}).should_store(True).ttl(222).replicate(True).ptto(16057799474000000)
    _, sent = run_flow(endpoint, ANSWERS)
    assert {k: v for k, v in query_of(sent[2][1]).items() if k not in ("pnsdk", "uuid")} == {
        "norep": "false", "ptto": "16057799474000000", "meta": '{"m": 1}', "ttl": "222", "store": "1"}


def test_quirk_4_nothing_is_stored_unless_asked(client):
    _, sent = run_flow(_send(client), ANSWERS)
    query = query_of(sent[2][1])
    assert (query["store"], query["ttl"], query["meta"]) == ("0", "0", "null")
    assert "norep" not in query and "ptto" not in query


@pytest.mark.parametrize("source", [io.BytesIO(CONTENT), CONTENT, bytearray(CONTENT), CONTENT.decode(),
                                    io.StringIO(CONTENT.decode())])
def test_file_objects_bytes_and_text(client, source):
    _, sent = run_flow(_send(client, source), ANSWERS)
    assert multipart_parts(sent[1][1])[-1][1] == CONTENT


def test_encrypted_with_the_builder_key_over_the_configured_one():
    client = make_client(cipher_key="config-key")
    _, sent = run_flow(_send(client).cipher_key("silly_walk"), ANSWERS)
    stored = multipart_parts(sent[1][1])[-1][1]
    assert len(stored) == 48 and stored[:16].isdigit()  # random 16-digit IV, then 2 blocks
    assert PubNubFileCrypto().decrypt("silly_walk", stored) == CONTENT
    # the file message is encrypted too, with the message cipher and the same key
    segment = json.loads(unquote(path_of(sent[2][1]).rsplit("/", 1)[1]))
    assert client.config.crypto.decrypt("silly_walk", segment)["file"]["id"] == FILE_ID


def test_encrypted_with_the_configured_key():
    _, sent = run_flow(_send(make_client(cipher_key="config-key")), ANSWERS)
    assert PubNubFileCrypto().decrypt("config-key", multipart_parts(sent[1][1])[-1][1]) == CONTENT


def test_fetch_failure_ends_the_call(client):
    body = {"status": 403, "error": True, "message": "Forbidden"}
    envelope, sent = run_flow(_send(client), [reply(403, body)])
    assert len(sent) == 1 and envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.operation == PNOperationType.PNFetchFileUploadS3DataAction


def test_upload_rejected_by_storage(client):
    envelope, sent = run_flow(_send(client), [reply(200, UPLOAD_DETAILS), reply(400, TOO_LARGE)])
    assert len(sent) == 2 and envelope.result is None
    status = envelope.status
    assert status.category == PNStatusCategory.PNBadRequestCategory and status.status_code == 400
    assert status.operation == PNOperationType.PNSendFileAction
    exception = status.error_data.exception
    assert exception.pn_error == PNERR_CLIENT_ERROR and "EntityTooLarge" in str(exception)


def test_stored_file_is_named_when_its_message_fails(client):
    envelope, _ = run_flow(_send(client), [reply(200, UPLOAD_DETAILS), reply(204),
                                           reply(500, {"status": 500, "error": True})])
    assert envelope.is_error() and envelope.status.status_code == 500
    assert (envelope.result.file_id, envelope.result.name, envelope.result.timestamp) == (FILE_ID, FILE_NAME, None)


@pytest.mark.parametrize(("settings", "values", "error"), [
    ({"subscribe_key": None}, {"channel": "c", "file_name": "n", "file_object": b"x"}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {"file_name": "n", "file_object": b"x"}, PNERR_CHANNEL_MISSING),
    ({}, {"channel": "c", "file_name": "n"}, PNERR_FILE_OBJECT_MISSING),
    ({}, {"channel": "c", "file_name": "n", "file_object": b""}, PNERR_FILE_OBJECT_MISSING),
    ({}, {"channel": "c", "file_object": b"x"}, PNERR_FILE_NAME_MISSING),
    ({"publish_key": None}, {"channel": "c", "file_name": "n", "file_object": b"x"}, PNERR_PUBLISH_KEY_MISSING),
])
def test_validation_comes_before_any_request(settings, values, error):
    endpoint = SendFileNative(make_client(**settings))
    for name, value in values.items():
        getattr(endpoint, name)(value)
    with pytest.raises(PubNubException) as raised:
        endpoint.validate_params()
    assert raised.value.pn_error == error
    envelope, sent = run_flow(endpoint, [])
    assert sent == [] and envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNBadRequestCategory
    assert envelope.status.error_data.exception.pn_error == error


def test_unreadable_file_object_is_reported_not_raised(client):
    class Broken:
        def read(self):
            raise OSError("disk gone")

    envelope, sent = run_flow(_send(client, Broken()), [])
    assert sent == [] and envelope.status.category == PNStatusCategory.PNInternalExceptionCategory
    assert "disk gone" in str(envelope.status.error_data.exception)


def test_the_builder_itself_is_no_single_request(client):
    with pytest.raises(PubNubException) as raised:
        _send(client).build_request()
    assert "no upload form yet" in str(raised.value)


def test_multipart_encoding_is_exact_and_deterministic():
    body, content_type = encode_multipart([("key", "a/b.txt"), ("empty", "")], "b.txt", b"data\r\n--x")
    boundary = content_type.split("boundary=", 1)[1]
    assert content_type == "multipart/form-data; boundary=" + boundary and len(boundary) == 32
    assert body == (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\na/b.txt\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\ndata\r\n--x\r\n"
        f"--{boundary}--\r\n").encode()
    assert encode_multipart([("key", "a/b.txt"), ("empty", "")], "b.txt", b"data\r\n--x") == (body, content_type)
    assert encode_multipart([("key", "a/b.txt")], "b.txt", b"other")[1] != content_type


def test_multipart_boundary_never_occurs_in_the_content():
    preferred = _boundary([b"abc"], "seed")
    chosen = _boundary([b"abc", b"x" + preferred.encode() + b"y"], "seed")
    assert chosen != preferred and len(chosen) == 32
    assert _boundary([b"abc", b"x" + preferred.encode() + b"y"], "seed") == chosen


def test_multipart_quotes_names_that_would_break_the_header():
    body, _ = encode_multipart([('a"b\r\nX-Evil: 1', "v")], 'f"\n.txt', b"")
    assert b'name="a%22b%0D%0AX-Evil: 1"' in body and b'filename="f%22%0A.txt"' in body
