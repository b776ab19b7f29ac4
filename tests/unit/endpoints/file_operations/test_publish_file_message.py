"""publish_file_message: the path against recorded traffic, the always-sent query values, encryption."""
from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from pubnub.crypto import PubNubCryptodome
from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_FILE_ID_MISSING,
    PNERR_FILE_NAME_MISSING,
    PNERR_JSON_NOT_SERIALIZABLE,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.file import PNPublishFileMessageResult

from ...support import OfflineClient, answer, invalid, make_client, make_config, path_of, query_pairs, sdk
from ._files import FILE_NAME, PUBLISHED

RECORDED_ID = "b9d9b767-02d6-44a7-aa1c-5c6701a9ceb8"


def _mock_client(**settings):
    return OfflineClient(make_config(publish_key="pub-c-mock-key", subscribe_key="sub-c-mock-key",
                                     uuid="files_native_sync_uuid", **settings), version="4.8.1")


def _recorded(client):
    return PublishFileMessage(client).channel("files_native_sync_ch").file_id(RECORDED_ID).file_name(FILE_NAME) \
        .message({"test_message": "test"})


def test_path_and_query_match_recorded_traffic():
    endpoint = _recorded(_mock_client()).should_store(True).ttl(222)
    assert endpoint.operation_type() == PNOperationType.PNSendFileAction == 51
    assert endpoint.http_method() == HttpMethod.GET and endpoint.is_auth_required()
    request = endpoint.build_request()
    assert request.method == "GET" and request.body is None
    assert path_of(request) == (
        "/v1/files/publish-file/pub-c-mock-key/sub-c-mock-key/0/files_native_sync_ch/0/"
        "%7B%22message%22%3A%20%7B%22test_message%22%3A%20%22test%22%7D%2C%20%22file%22%3A%20%7B%22id%22%3A%20"
        "%22b9d9b767-02d6-44a7-aa1c-5c6701a9ceb8%22%2C%20%22name%22%3A%20%22king_arthur.txt%22%7D%7D")
    assert query_pairs(request) == [("meta", "null"), ("ttl", "222"), ("store", "1"),
                                    ("pnsdk", "PubNub-Python%2F4.8.1"), ("uuid", "files_native_sync_uuid")]


def test_replicate_ptto_and_meta_as_recorded():
    endpoint = _recorded(_mock_client()).meta({}).replicate(True).ptto(16057799474000000).should_store(True) \
        .ttl(222)
    assert dict(query_pairs(endpoint.build_request())) == {
        "norep": "false", "ptto": "16057799474000000", "meta": "%7B%7D", "ttl": "222", "store": "1",
        "pnsdk": "PubNub-Python%2F4.8.1", "uuid": "files_native_sync_uuid"}
    assert dict(query_pairs(_recorded(_mock_client()).replicate(False).build_request()))["norep"] == "true"


def test_quirk_4_meta_ttl_and_store_are_always_sent_and_nothing_is_stored_by_default(client):
    endpoint = PublishFileMessage(client).channel("c").file_id("i").file_name("n")
    assert endpoint.build_params_callback()({}) == {"meta": "null", "ttl": 0, "store": "0", "pnsdk": sdk(client),
                                                    "uuid": "test-uuid"}
    view = endpoint.meta({"color": "red"}).build_params_callback()({})
    assert view["meta"] == "%7B%22color%22%3A%20%22red%22%7D"  # held encoded, as in 4.8.1


def test_payload_without_message_is_null(client):
    path = PublishFileMessage(client).channel("c").file_id("i").file_name("n").build_path()
    assert json.loads(unquote(path.rsplit("/", 1)[1])) == {"message": None, "file": {"id": "i", "name": "n"}}


def test_encrypted_payload_matches_recorded_traffic():
    # Real traffic with cipher key "silly_walk": the path ends in /0/%22nuKM7r9zoS9IXo%2FL7H3Lqqe...%3D%22
    endpoint = PublishFileMessage(_mock_client()).channel("ch").file_id("a135bbae-0000-0000-0000-000000000000") \
        .file_name(FILE_NAME).message({"test_message": "test"}).cipher_key("silly_walk")
    segment = endpoint.build_path().rsplit("/", 1)[1]
    assert segment.startswith("%22nuKM7r9zoS9IXo%2FL7H3Lqqe") and segment.endswith("%3D%22")
    ciphertext = json.loads(unquote(segment))
    assert PubNubCryptodome().decrypt("silly_walk", ciphertext) == {
        "message": {"test_message": "test"}, "file": {"id": "a135bbae-0000-0000-0000-000000000000", "name": FILE_NAME}}


def test_builder_key_wins_over_configured_key():
    client = make_client(cipher_key="config-key")
    endpoint = PublishFileMessage(client).channel("c").file_id("i").file_name("n")
    configured = json.loads(unquote(endpoint.build_path().rsplit("/", 1)[1]))
    assert PubNubCryptodome().decrypt("config-key", configured)["file"] == {"id": "i", "name": "n"}
    chosen = json.loads(unquote(endpoint.cipher_key("builder-key").build_path().rsplit("/", 1)[1]))
    assert PubNubCryptodome().decrypt("builder-key", chosen)["file"] == {"id": "i", "name": "n"}


def test_parses_the_recorded_answer(client):
    result = answer(PublishFileMessage(client).channel("c").file_id("i").file_name("n"), PUBLISHED).result
    assert isinstance(result, PNPublishFileMessageResult)
    assert result.timestamp == "16058160503920483"
    assert str(result) == "Sending file notification success with timetoken: 16058160503920483"


@pytest.mark.parametrize(("settings", "values", "error"), [
    ({"subscribe_key": None}, {"channel": "c", "file_id": "i", "file_name": "n"}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {"file_id": "i", "file_name": "n"}, PNERR_CHANNEL_MISSING),
    ({}, {"channel": "c"}, PNERR_FILE_NAME_MISSING),
    ({}, {"channel": "c", "file_name": "n"}, PNERR_FILE_ID_MISSING),
    # 4.8.1 sent the text "None" as publish key; the service could only refuse that
    ({"publish_key": None}, {"channel": "c", "file_id": "i", "file_name": "n"}, PNERR_PUBLISH_KEY_MISSING),
    ({}, {"channel": "c", "file_id": "i", "file_name": "n", "message": {1, 2}}, PNERR_JSON_NOT_SERIALIZABLE),
])
def test_validation(settings, values, error):
    endpoint = PublishFileMessage(make_client(**settings))
    for name, value in values.items():
        getattr(endpoint, name)(value)
    assert invalid(endpoint).pn_error == error
