"""list_files and delete_file: paths, queries, parsing of the recorded answers, validation order."""
from __future__ import annotations

import pytest

from pubnub.endpoints.file_operations.delete_file import DeleteFile
from pubnub.endpoints.file_operations.list_files import ListFiles
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_FILE_ID_MISSING,
    PNERR_FILE_NAME_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.file import PNDeleteFileResult, PNGetFilesResult

from ...support import answer, invalid, make_client, path_of, query_of, raw_query, sdk
from ._files import FILE_ID, FILE_NAME

LISTED = {"status": 200,
          "data": [{"name": "king_arthur.txt", "id": "2ba4051e-1644-4ce8-8b95-a4866711f40e", "size": 48,
                    "created": "2020-10-21T17:33:40Z"},
                   {"name": "king_arthur.txt", "id": "57305038-b584-4e9e-add2-3656ec6711cd", "size": 19,
                    "created": "2020-10-21T17:35:18Z"}],
          "next": None, "count": 2}


def test_list_files_request(client):
    endpoint = ListFiles(client).channel("files ch/1")
    assert endpoint.operation_type() == PNOperationType.PNGetFilesAction == 46
    assert endpoint.http_method() == HttpMethod.GET and endpoint.is_auth_required()
    assert endpoint.build_path() == ListFiles.LIST_FILES_URL % ("sub-c-test", "files%20ch%2F1")
    request = endpoint.build_request()
    assert request.method == "GET" and request.body is None
    assert path_of(request) == "/v1/files/sub-c-test/channels/files%20ch%2F1/files"
    assert raw_query(request) == "pnsdk=%s&uuid=test-uuid" % sdk(client)
    assert endpoint.build_params_callback()({}) == {"pnsdk": sdk(client), "uuid": "test-uuid"}


def test_list_files_sends_auth():
    client = make_client(auth_key="my auth")
    assert query_of(ListFiles(client).channel("c").build_request())["auth"] == "my auth"


def test_list_files_parses_the_recorded_answer(client):
    envelope = answer(ListFiles(client).channel("c"), LISTED)
    result = envelope.result
    assert isinstance(result, PNGetFilesResult)
    assert result.data == LISTED["data"] and result.count == 2
    assert result.next is None and result.prev is None
    assert str(result) == "Get files success with data: %s" % LISTED["data"]
    assert envelope.status.operation == PNOperationType.PNGetFilesAction
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory


def test_list_files_keeps_paging_cursors(client):
    result = answer(ListFiles(client).channel("c"), dict(LISTED, next="abc", prev="xyz")).result
    assert (result.next, result.prev) == ("abc", "xyz")


@pytest.mark.parametrize(("settings", "channel", "error"), [
    ({"subscribe_key": None}, "c", PNERR_SUBSCRIBE_KEY_MISSING),
    ({"subscribe_key": None}, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, PNERR_CHANNEL_MISSING),
    ({}, "", PNERR_CHANNEL_MISSING),
])
def test_list_files_validation(settings, channel, error):
    endpoint = ListFiles(make_client(**settings))
    if channel is not None:
        endpoint.channel(channel)
    assert invalid(endpoint).pn_error == error


def test_delete_file_request(client):
    endpoint = DeleteFile(client).channel("ch").file_id(FILE_ID).file_name(FILE_NAME)
    assert endpoint.operation_type() == PNOperationType.PNDeleteFileOperation == 47
    assert endpoint.build_path() == DeleteFile.DELETE_FILE_URL % ("sub-c-test", "ch", FILE_ID, FILE_NAME)
    request = endpoint.build_request()
    assert request.method == "DELETE" and request.body is None
    assert path_of(request) == "/v1/files/sub-c-test/channels/ch/files/%s/%s" % (FILE_ID, FILE_NAME)
    assert raw_query(request) == "pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_file_id_and_name_go_into_the_path_as_4_8_1_sent_them(client):
    # Unencoded as in 4.8.1 (requests only quoted what a URL cannot carry), so recorded paths
    # still match; characters that would end the path segment or the path are quoted.
    endpoint = DeleteFile(client).channel("a b").file_id("id:1+2").file_name("my file,(1)é?#%/.txt")
    assert endpoint.build_path() == ("/v1/files/sub-c-test/channels/a%20b/files/id:1+2/"
                                     "my%20file,(1)%C3%A9%3F%23%25%2F.txt")


def test_delete_file_parses_the_recorded_answer(client):
    result = answer(DeleteFile(client).channel("ch").file_id(FILE_ID).file_name(FILE_NAME), {"status": 200}).result
    assert isinstance(result, PNDeleteFileResult) and result.status == 200
    assert str(result) == "Delete files success with status: 200"


def test_delete_file_error_answer(client):
    body = {"status": 403, "error": True, "message": "Forbidden"}
    envelope = answer(DeleteFile(client).channel("ch").file_id(FILE_ID).file_name(FILE_NAME), body, 403)
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.original_response == body


@pytest.mark.parametrize(("settings", "values", "error"), [
    ({"subscribe_key": None}, {"channel": "c", "file_id": "i", "file_name": "n"}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {"file_id": "i", "file_name": "n"}, PNERR_CHANNEL_MISSING),
    ({}, {"channel": "c"}, PNERR_FILE_NAME_MISSING),  # the name is checked before the id
    ({}, {"channel": "c", "file_name": "n"}, PNERR_FILE_ID_MISSING),
    ({}, {"channel": "c", "file_id": "i", "file_name": ""}, PNERR_FILE_NAME_MISSING),
])
def test_delete_file_validation(settings, values, error):
    endpoint = DeleteFile(make_client(**settings))
    for name, value in values.items():
        getattr(endpoint, name)(value)
    assert invalid(endpoint).pn_error == error
