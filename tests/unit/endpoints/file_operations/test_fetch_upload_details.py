"""Step 1 of send_file: the generate-upload-url request and its recorded answer."""
from __future__ import annotations

import json

import pytest

from pubnub.endpoints.file_operations.fetch_upload_details import FetchFileUploadS3Data
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_FILE_NAME_MISSING, PNERR_SUBSCRIBE_KEY_MISSING
from pubnub.models.consumer.file import PNFetchFileUploadS3DataResult

from ...support import answer, invalid, make_client, path_of, query_of, raw_query, sdk
from ._files import FILE_ID, FILE_NAME, UPLOAD_DETAILS


def test_request(client):
    endpoint = FetchFileUploadS3Data(client).channel("files ch").file_name(FILE_NAME)
    assert endpoint.operation_type() == PNOperationType.PNFetchFileUploadS3DataAction == 49
    assert endpoint.http_method() == HttpMethod.POST
    assert endpoint.build_path() == FetchFileUploadS3Data.GENERATE_FILE_UPLOAD_DATA % ("sub-c-test", "files%20ch")
    assert endpoint.build_data() == '{"name": "king_arthur.txt"}'
    request = endpoint.build_request()
    assert request.method == "POST"
    assert path_of(request) == "/v1/files/sub-c-test/channels/files%20ch/generate-upload-url"
    assert request.body == b'{"name": "king_arthur.txt"}'
    assert raw_query(request) == "pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_auth_is_sent():
    request = FetchFileUploadS3Data(make_client(auth_key="ak")).channel("c").file_name("f").build_request()
    assert query_of(request)["auth"] == "ak"


def test_non_ascii_name_is_valid_json(client):
    body = FetchFileUploadS3Data(client).channel("c").file_name('r\u00e9sum\u00e9 "1".pdf').build_data()
    assert json.loads(body) == {"name": 'r\u00e9sum\u00e9 "1".pdf'}


def test_parses_the_recorded_answer(client):
    result = answer(FetchFileUploadS3Data(client).channel("c").file_name(FILE_NAME), UPLOAD_DETAILS).result
    assert isinstance(result, PNFetchFileUploadS3DataResult)
    assert (result.name, result.file_id) == (FILE_NAME, FILE_ID)
    assert result.data == UPLOAD_DETAILS["file_upload_request"]
    assert result.data["url"].startswith("https://") and result.data["form_fields"][1]["key"] == "key"
    assert str(result) == "Fetch file upload S3 data success with file id: %s" % FILE_ID


@pytest.mark.parametrize(("settings", "values", "error"), [
    ({"subscribe_key": None}, {"channel": "c", "file_name": "n"}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {"file_name": "n"}, PNERR_CHANNEL_MISSING),
    ({}, {"channel": "c"}, PNERR_FILE_NAME_MISSING),
    ({}, {"channel": "c", "file_name": ""}, PNERR_FILE_NAME_MISSING),
])
def test_validation(settings, values, error):
    endpoint = FetchFileUploadS3Data(make_client(**settings))
    for name, value in values.items():
        getattr(endpoint, name)(value)
    assert invalid(endpoint).pn_error == error
