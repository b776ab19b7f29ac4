"""Download a file: resolve its URL, then fetch it, as one call every client drives.

Layer: core. Must not import tornado, requests or asyncio.

``pubnub.download_file().channel(ch).file_id(id).file_name(name)`` runs ``GetFileDownloadUrl``
(the service's redirect, not followed), then a plain ``GET`` of that URL exactly as given (no
PubNub query parameters; it is already signed by the storage). The body is the file's raw
bytes, decrypted with the file cipher when a cipher key applies (the builder's key wins over
``config.cipher_key``).
"""
from __future__ import annotations

import copy
from typing import Any, Optional, TypeVar

from pubnub import _outcome
from pubnub._flows import Flow
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.file_operations.file_based_endpoint import FileStorageRequest, choose_cipher_key
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_FILE_ID_MISSING, PNERR_FILE_NAME_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.file import PNDownloadFileResult

_DownloadFileNativeT = TypeVar("_DownloadFileNativeT", bound="DownloadFileNative")


class DownloadFileNative(FileStorageRequest[PNDownloadFileResult, ClientT]):
    """``pubnub.download_file()``; the result is a ``PNDownloadFileResult`` whose ``data`` are the bytes."""

    OPERATION = PNOperationType.PNDownloadFileAction
    NAME = "Download file"
    REQUIRED = (("_file_name", PNERR_FILE_NAME_MISSING), ("_file_id", PNERR_FILE_ID_MISSING))

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._file_id: Any = None
        self._file_name: Any = None
        self._cipher_key: Optional[str] = None
        self._file_url: Optional[str] = None  # set only on the copy that downloads (step 2)

    def file_id(self: _DownloadFileNativeT, file_id: object) -> _DownloadFileNativeT:
        self._file_id = file_id
        return self

    def file_name(self: _DownloadFileNativeT, file_name: object) -> _DownloadFileNativeT:
        self._file_name = file_name
        return self

    def cipher_key(self: _DownloadFileNativeT, cipher_key: Optional[str]) -> _DownloadFileNativeT:
        if cipher_key is None or isinstance(cipher_key, str):
            self._cipher_key = cipher_key
        else:
            self._refuse("cipher_key", cipher_key, "a str")
        return self

    # ----- the flow ----------------------------------------------------------------------------
    def flow(self) -> Optional[Flow]:
        return None if self._file_url is not None else self._download()

    def _download(self) -> Flow:
        try:
            self.check_input()
        except PubNubException as e:  # reported in the status like any refused call, never raised
            return _outcome.from_invalid_input(self, e)
        located = yield self.get_file_url()
        if located.is_error():
            return located
        return (yield self.download_from(located.result.file_url))

    def get_file_url(self) -> GetFileDownloadUrl[ClientT]:
        """Step 1: where the file is."""
        return GetFileDownloadUrl(self.pubnub).channel(self._channel).file_id(self._file_id) \
            .file_name(self._file_name)

    def download_from(self: _DownloadFileNativeT, file_url: str) -> _DownloadFileNativeT:
        """Step 2: this call, fetching ``file_url``."""
        step = copy.copy(self)
        step._file_url = file_url
        return step

    # ----- the download request (step 2) -------------------------------------------------------
    def storage_url(self) -> str:
        if self._file_url is None:
            raise PubNubException(errormsg="download_file() has no file URL yet: run it with sync(), "
                                           "future(), result() or pn_async()")
        return self._file_url

    def create_response(self, envelope: bytes) -> PNDownloadFileResult:
        config = self.pubnub.config
        cipher_key = choose_cipher_key(self._cipher_key, config)
        data = config.file_crypto.decrypt(cipher_key, envelope) if cipher_key else bytes(envelope)
        return PNDownloadFileResult(data)
