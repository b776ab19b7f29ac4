"""List the files stored on a channel.

Layer: core. ``pubnub.list_files().channel(ch)``.
"""
from __future__ import annotations

from typing import Any, Mapping

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.file_operations.file_based_endpoint import FileOperationEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.file import PNGetFilesResult


class ListFiles(FileOperationEndpoint[PNGetFilesResult, ClientT]):
    """``GET /v1/files/{sub}/channels/{channel}/files``; see ``PNGetFilesResult``."""

    OPERATION = PNOperationType.PNGetFilesAction
    NAME = "List files"
    LIST_FILES_URL = "/v1/files/%s/channels/%s/files"

    def build_path(self) -> str:
        return self.LIST_FILES_URL % (self.pubnub.config.subscribe_key, self.encoded_channel())

    def create_response(self, envelope: Mapping[str, Any]) -> PNGetFilesResult:
        return PNGetFilesResult(envelope)
