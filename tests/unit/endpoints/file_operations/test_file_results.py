"""The seven file result models: attributes as in 4.8.1, and a working str() (quirk 14)."""
from __future__ import annotations

from pubnub._http import HttpResponse
from pubnub.models.consumer.file import (
    PNDeleteFileResult,
    PNDownloadFileResult,
    PNFetchFileUploadS3DataResult,
    PNGetFileDownloadURLResult,
    PNGetFilesResult,
    PNPublishFileMessageResult,
    PNSendFileResult,
)

from ._files import DOWNLOAD_URL, FILE_ID, FILE_NAME, PUBLISHED, UPLOAD_DETAILS


def test_quirk_14_str_of_every_file_result():
    # 4.8.1 formatted a "status" attribute five of these classes never had (AttributeError)
    located = PNGetFileDownloadURLResult(HttpResponse(307, {"Location": DOWNLOAD_URL}, b"", ""))
    assert [str(located), str(PNFetchFileUploadS3DataResult(UPLOAD_DETAILS)), str(PNDownloadFileResult(b"abc")),
            str(PNSendFileResult(FILE_NAME, FILE_ID, "1")), str(PNPublishFileMessageResult(PUBLISHED)),
            str(PNGetFilesResult({"data": []})), str(PNDeleteFileResult({"status": 200}))] == [
        "Get file URL success with url: %s" % DOWNLOAD_URL,
        "Fetch file upload S3 data success with file id: %s" % FILE_ID,
        "Downloading file success with 3 bytes",
        "Sending file success with file id: %s, timetoken: 1" % FILE_ID,
        "Sending file notification success with timetoken: %s" % PUBLISHED[2],
        "Get files success with data: []",
        "Delete files success with status: 200",
    ]


def test_location_header_is_found_whatever_its_case():
    assert PNGetFileDownloadURLResult(HttpResponse(307, {"location": "u"}, b"", "")).file_url == "u"
    assert PNGetFileDownloadURLResult(HttpResponse(307, {"LOCATION": "v"}, b"", "")).file_url == "v"


def test_attributes():
    details = PNFetchFileUploadS3DataResult(UPLOAD_DETAILS)
    assert vars(details) == {"name": FILE_NAME, "file_id": FILE_ID, "data": UPLOAD_DETAILS["file_upload_request"]}
    assert vars(PNSendFileResult(FILE_NAME, FILE_ID)) == {"name": FILE_NAME, "file_id": FILE_ID, "timestamp": None}
    assert vars(PNGetFilesResult({"data": [1], "count": 1, "next": "n"})) == {"data": [1], "count": 1, "next": "n",
                                                                              "prev": None}
