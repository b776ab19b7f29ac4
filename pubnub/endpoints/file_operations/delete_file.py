"""Delete one stored file.

Layer: core. ``pubnub.delete_file().channel(ch).file_id(id).file_name(name)``.
"""
from __future__ import annotations

from typing import Any, Mapping, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.file_operations.file_based_endpoint import FileOperationEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_FILE_ID_MISSING, PNERR_FILE_NAME_MISSING
from pubnub.models.consumer.file import PNDeleteFileResult
from pubnub.utils import path_segment

_DeleteFileT = TypeVar("_DeleteFileT", bound="DeleteFile")


class DeleteFile(FileOperationEndpoint[PNDeleteFileResult, ClientT]):
    """``DELETE /v1/files/{sub}/channels/{channel}/files/{id}/{name}``; see ``PNDeleteFileResult``."""

    OPERATION = PNOperationType.PNDeleteFileOperation
    NAME = "Delete file"
    HTTP_METHOD = HttpMethod.DELETE
    DELETE_FILE_URL = "/v1/files/%s/channels/%s/files/%s/%s"
    REQUIRED = (("_file_name", PNERR_FILE_NAME_MISSING), ("_file_id", PNERR_FILE_ID_MISSING))

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._file_id: Any = None
        self._file_name: Any = None

    def file_id(self: _DeleteFileT, file_id: object) -> _DeleteFileT:
        self._file_id = file_id
        return self

    def file_name(self: _DeleteFileT, file_name: object) -> _DeleteFileT:
        self._file_name = file_name
        return self

    def build_path(self) -> str:
        return self.DELETE_FILE_URL % (self.pubnub.config.subscribe_key, self.encoded_channel(),
                                       path_segment(self._file_id), path_segment(self._file_name))

    def create_response(self, envelope: Mapping[str, Any]) -> PNDeleteFileResult:
        return PNDeleteFileResult(envelope)
