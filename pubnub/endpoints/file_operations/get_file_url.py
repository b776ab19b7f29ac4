"""Resolve where a stored file can be downloaded.

Layer: core. ``pubnub.get_file_url().channel(ch).file_id(id).file_name(name)``.

The service answers ``307 Temporary Redirect`` with the download URL in ``Location``. Run as a
call, the redirect is not followed: the ``Location`` header is the result (4.8.1's Tornado client
followed it and then failed to parse the file as JSON). ``get_complete_url()`` instead computes
the URL of this request without sending anything; fetching it downloads the file.
"""
from __future__ import annotations

from typing import Any, TypeVar

from pubnub._http import HttpRequest, HttpResponse
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.file_operations.file_based_endpoint import FileOperationEndpoint
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_FILE_ID_MISSING, PNERR_FILE_NAME_MISSING
from pubnub.models.consumer.file import PNGetFileDownloadURLResult
from pubnub.utils import path_segment

_GetFileDownloadUrlT = TypeVar("_GetFileDownloadUrlT", bound="GetFileDownloadUrl")


class GetFileDownloadUrl(FileOperationEndpoint[PNGetFileDownloadURLResult, ClientT]):
    """``GET /v1/files/{sub}/channels/{channel}/files/{id}/{name}``, redirect not followed."""

    OPERATION = PNOperationType.PNGetFileDownloadURLAction
    NAME = "Get file download url"
    GET_FILE_DOWNLOAD_URL = "/v1/files/%s/channels/%s/files/%s/%s"
    REQUIRED = (("_file_id", PNERR_FILE_ID_MISSING), ("_file_name", PNERR_FILE_NAME_MISSING))

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._file_id: Any = None
        self._file_name: Any = None

    def file_id(self: _GetFileDownloadUrlT, file_id: object) -> _GetFileDownloadUrlT:
        self._file_id = file_id
        return self

    def file_name(self: _GetFileDownloadUrlT, file_name: object) -> _GetFileDownloadUrlT:
        self._file_name = file_name
        return self

    def build_path(self) -> str:
        return self.GET_FILE_DOWNLOAD_URL % (self.pubnub.config.subscribe_key, self.encoded_channel(),
                                             path_segment(self._file_id), path_segment(self._file_name))

    def build_request(self) -> HttpRequest:
        return super().build_request()._replace(follow_redirects=False)

    def get_complete_url(self) -> str:
        """The full URL of this request (origin, path and signed query); nothing is sent."""
        return self.build_request().url

    # The redirect is the answer: its Location header is the data, and a 3xx is a success.
    def decode_response(self, response: HttpResponse) -> Any:
        if 300 <= response.status_code < 400:
            return response
        return self.decode(response.body)  # an error answer: JSON, as from any endpoint

    def is_success(self, status_code: int) -> bool:
        return 200 <= status_code < 400

    def create_response(self, envelope: Any) -> PNGetFileDownloadURLResult:
        return PNGetFileDownloadURLResult(envelope)
