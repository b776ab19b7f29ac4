"""Step 1 of sending a file: ask the service for a file id and a pre-signed upload form.

Layer: core. ``pubnub._fetch_file_upload_s3_data()``; ``send_file()`` runs it for you.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.file_operations.file_based_endpoint import FileOperationEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_FILE_NAME_MISSING
from pubnub.models.consumer.file import PNFetchFileUploadS3DataResult

_FetchFileUploadS3DataT = TypeVar("_FetchFileUploadS3DataT", bound="FetchFileUploadS3Data")


class FetchFileUploadS3Data(FileOperationEndpoint[PNFetchFileUploadS3DataResult, ClientT]):
    """``POST .../generate-upload-url`` with ``{"name": file_name}``; see ``PNFetchFileUploadS3DataResult``."""

    OPERATION = PNOperationType.PNFetchFileUploadS3DataAction
    NAME = "Fetch file upload S3 data"
    HTTP_METHOD = HttpMethod.POST
    GENERATE_FILE_UPLOAD_DATA = "/v1/files/%s/channels/%s/generate-upload-url"
    REQUIRED = (("_file_name", PNERR_FILE_NAME_MISSING),)

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._file_name: Any = None

    def file_name(self: _FetchFileUploadS3DataT, file_name: object) -> _FetchFileUploadS3DataT:
        self._file_name = file_name
        return self

    def build_path(self) -> str:
        return self.GENERATE_FILE_UPLOAD_DATA % (self.pubnub.config.subscribe_key, self.encoded_channel())

    def build_data(self) -> Optional[str]:
        return utils.write_value_as_string({"name": self._file_name})

    def create_response(self, envelope: Mapping[str, Any]) -> PNFetchFileUploadS3DataResult:
        return PNFetchFileUploadS3DataResult(envelope)
