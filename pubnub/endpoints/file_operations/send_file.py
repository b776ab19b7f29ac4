"""Send a file: one call made of three requests, written once as a flow every client drives.

Layer: core. Must not import tornado, requests or asyncio.

``pubnub.send_file().channel(ch).file_name(name).file_object(f)`` runs:

1. ``FetchFileUploadS3Data``: the service hands out a file id and a pre-signed upload form;
2. the upload itself: a ``multipart/form-data`` POST of the form fields, then the file, to the
   form's absolute URL (a ``SendFileNative`` carrying the form; no PubNub query parameters);
3. ``PublishFileMessage``: subscribers learn about the file (every builder option passed on).

A failing step ends the call with that step's status. The file is encrypted with the file cipher
when a cipher key applies (the builder's key wins over ``config.cipher_key``).
"""
from __future__ import annotations

import copy
import hashlib
from typing import Any, Dict, List, Optional, Sequence, Tuple, TypeVar

from pubnub import _outcome
from pubnub._flows import Flow
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.file_operations.fetch_upload_details import FetchFileUploadS3Data
from pubnub.endpoints.file_operations.file_based_endpoint import (
    FileMessageEndpoint,
    FileStorageRequest,
    choose_cipher_key,
)
from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_FILE_NAME_MISSING, PNERR_FILE_OBJECT_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.file import PNFetchFileUploadS3DataResult, PNSendFileResult
from pubnub.structures import Envelope

_SendT = TypeVar("_SendT", bound="SendFileNative")


def _quote_header_value(value: str) -> bytes:
    # A name must not end its quoted string or the header line (the HTML5 form-encoding rule).
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A").encode("utf-8")


def _boundary(parts: Sequence[bytes], seed: str) -> str:
    """The first boundary derived from ``seed`` that occurs in no part."""
    attempt = 0
    while True:
        boundary = hashlib.sha256(("%s:%d" % (seed, attempt)).encode("ascii")).hexdigest()[:32]
        if not any(boundary.encode("ascii") in part for part in parts):
            return boundary
        attempt += 1


def _content_seed(parts: Sequence[bytes]) -> str:
    # Derived from the content, so the same upload always encodes to the same bytes.
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def encode_multipart(fields: Sequence[Tuple[str, str]], file_name: str, data: bytes) -> Tuple[bytes, str]:
    """The ``multipart/form-data`` body (fields in order, then the ``file`` part) and its Content-Type."""
    parts: List[Tuple[bytes, bytes]] = [
        (b'Content-Disposition: form-data; name="%s"' % _quote_header_value(key), str(value).encode("utf-8"))
        for key, value in fields]
    parts.append((b'Content-Disposition: form-data; name="file"; filename="%s"' % _quote_header_value(file_name),
                  data))
    contents = [content for _, content in parts]
    boundary = _boundary(contents, _content_seed(contents)).encode("ascii")
    body = b"".join(b"--%s\r\n%s\r\n\r\n%s\r\n" % (boundary, header, content) for header, content in parts)
    body += b"--%s--\r\n" % boundary
    return body, "multipart/form-data; boundary=%s" % boundary.decode("ascii")


class SendFileNative(FileStorageRequest[PNSendFileResult, ClientT], FileMessageEndpoint[PNSendFileResult, ClientT]):
    """``pubnub.send_file()``: upload a file to a channel and publish a file message about it.

    The result is a ``PNSendFileResult`` (``name``, ``file_id``, ``timestamp``) with the upload's
    status. If the file was stored but its message failed, the status is the publish failure and
    the result still names the stored file (``timestamp`` is ``None``), so the message can be
    published again with ``publish_file_message()``.
    """

    OPERATION = PNOperationType.PNSendFileAction
    NAME = "Send file"
    HTTP_METHOD = HttpMethod.POST
    REQUIRED = (("_file_object", PNERR_FILE_OBJECT_MISSING), ("_file_name", PNERR_FILE_NAME_MISSING))

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._file_name: Any = None
        self._file_object: Any = None
        # Set only on the copy that performs the upload (step 2).
        self._upload_details: Optional[PNFetchFileUploadS3DataResult] = None
        self._upload_bytes: bytes = b""

    # ----- builder ---------------------------------------------------------------------------
    def file_name(self: _SendT, file_name: object) -> _SendT:
        self._file_name = file_name
        return self

    def file_object(self: _SendT, file_object: object) -> _SendT:
        """The content: a file-like object (read once, from its current position), bytes or text."""
        self._file_object = file_object
        return self

    def validate_params(self) -> None:
        super().validate_params()
        self.validate_publish_key()  # checked before uploading: step 3 cannot work without it

    # ----- the flow ----------------------------------------------------------------------------
    def flow(self) -> Optional[Flow]:
        return None if self._upload_details is not None else self._send()

    def _send(self) -> Flow:
        try:
            self.check_input()
            content = self._content()
        except Exception as e:  # reported in the status like any refused call, never raised
            return _outcome.from_invalid_input(self, e)

        details = yield self.fetch_upload_details()
        if details.is_error():
            return details
        uploaded = yield self.upload_to_storage(details.result, content)
        if uploaded.is_error():
            return uploaded
        published = yield self.publish_file_message(details.result)
        result = uploaded.result
        if published.is_error():
            return Envelope(result, published.status)
        result.timestamp = published.result.timestamp
        return Envelope(result, uploaded.status)

    def _content(self) -> bytes:
        """The bytes to upload: the file object read once, encrypted when a cipher key applies."""
        source = self._file_object
        data = source.read() if hasattr(source, "read") else source
        if isinstance(data, str):
            data = data.encode("utf-8")
        content = bytes(data)
        config = self.pubnub.config
        cipher_key = choose_cipher_key(self._cipher_key, config)
        if cipher_key:
            content = config.file_crypto.encrypt(cipher_key, content)
        return content

    def fetch_upload_details(self) -> FetchFileUploadS3Data[ClientT]:
        """Step 1."""
        return FetchFileUploadS3Data(self.pubnub).channel(self._channel).file_name(self._file_name)

    def upload_to_storage(self: _SendT, details: PNFetchFileUploadS3DataResult, content: bytes) -> _SendT:
        """Step 2: this call, carrying the upload form and the bytes to send."""
        step = copy.copy(self)
        step._upload_details = details
        step._upload_bytes = content
        return step

    def publish_file_message(self, details: PNFetchFileUploadS3DataResult) -> PublishFileMessage[ClientT]:
        """Step 3, with the id and name the service gave the file and every option of this call."""
        step = (PublishFileMessage(self.pubnub).channel(self._channel).file_id(details.file_id)
                .file_name(details.name).message(self._message).meta(self._meta).ttl(self._ttl)
                .should_store(self._should_store).cipher_key(self._cipher_key).ptto(self._ptto))
        if self._replicate is not None:
            step.replicate(self._replicate)
        return step

    # ----- the upload request (step 2) ----------------------------------------------------------
    def _form(self) -> Dict[str, Any]:
        if self._upload_details is None:
            raise PubNubException(errormsg="send_file() has no upload form yet: run it with sync(), "
                                           "future(), result() or pn_async()")
        return dict(self._upload_details.data)

    def storage_url(self) -> str:
        return str(self._form()["url"])

    def storage_content(self) -> Optional[Tuple[bytes, str]]:
        fields = [(field["key"], field["value"]) for field in self._form().get("form_fields", [])]
        return encode_multipart(fields, str(self._file_name), self._upload_bytes)

    def create_response(self, envelope: Any) -> PNSendFileResult:
        details = self._upload_details
        assert details is not None  # only the upload step gets an answer
        return PNSendFileResult(details.name, details.file_id)
