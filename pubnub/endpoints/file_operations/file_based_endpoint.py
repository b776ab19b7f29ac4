"""What the file endpoints share (``pubnub.endpoints.file_operations``).

Layer: core. Must not import tornado, requests or asyncio.

Two kinds of request make up the file API:

* ``FileOperationEndpoint``: calls to the PubNub files service. They are ordinary endpoints
  (origin + path + the common query parameters, signed when a secret key is set); members
  declare their path, operation and which builder values are required.
* ``FileStorageRequest``: the upload to, and the download from, the file storage itself. They
  go to an absolute URL handed out by the service, carry no query parameters at all (no
  ``pnsdk``, ``uuid``, ``auth`` or signature, which would break the storage's own signed URLs)
  and have raw bodies both ways. They override ``build_request()`` and ``decode()``.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple, TypeVar, Union
from urllib.parse import urlsplit

from pubnub import utils
from pubnub._http import HttpRequest
from pubnub.endpoints.endpoint import ClientT, Endpoint, ResultT, Timetoken
from pubnub.enums import HttpMethod
from pubnub.exceptions import PubNubException
from pubnub.structures import ResponseInfo

_E = TypeVar("_E", bound="FileOperationEndpoint")
_M = TypeVar("_M", bound="FileMessageEndpoint")


def choose_cipher_key(endpoint_key: Optional[str], config: Any) -> Optional[str]:
    """The cipher key that applies: the one given to the builder wins over ``config.cipher_key``."""
    return endpoint_key or getattr(config, "cipher_key", None) or None


class FileOperationEndpoint(Endpoint[ResultT, ClientT]):
    """Base of the file endpoints: ``channel()`` and validation in the 4.8.1 order.

    ``REQUIRED`` lists ``(attribute, PNERR_*)`` pairs checked, in order, after the subscribe key
    and the channel; each member declares the builder attributes it names there.
    """

    REQUIRED: Sequence[Tuple[str, str]] = ()

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Any = None

    def channel(self: _E, channel: object) -> _E:
        """The channel the file belongs to (stored as given)."""
        self._channel = channel
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channel(self._channel)
        for attribute, pn_error in self.REQUIRED:
            if not getattr(self, attribute):  # any falsy value, as in 4.8.1 (b"" is no file)
                raise PubNubException(pn_error=pn_error)

    def encoded_channel(self) -> str:
        return utils.url_encode(self._channel)


class FileMessageEndpoint(FileOperationEndpoint[ResultT, ClientT]):
    """The file-message options shared by ``send_file`` and ``publish_file_message``: ``message``,
    ``meta``, ``should_store``, ``ttl`` (4.8.1 always sends one, 0 when unset), ``cipher_key``,
    ``replicate`` and ``ptto``."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._message: Any = None
        self._meta: Any = None
        self._should_store: Any = None
        self._ttl: Any = 0
        self._cipher_key: Optional[str] = None
        self._replicate: Optional[bool] = None
        self._ptto: Any = None

    def message(self: _M, message: object) -> _M:
        """Any JSON value sent along with the file description."""
        self._message = message
        return self

    def meta(self: _M, meta: object) -> _M:
        self._meta = meta
        return self

    def should_store(self: _M, should_store: object) -> _M:
        self._should_store = should_store
        return self

    def ttl(self: _M, ttl: Union[int, str, None]) -> _M:
        self._ttl = ttl
        return self

    def cipher_key(self: _M, cipher_key: Optional[str]) -> _M:
        if cipher_key is None or isinstance(cipher_key, str):
            self._cipher_key = cipher_key
        else:
            self._refuse("cipher_key", cipher_key, "a str")
        return self

    def replicate(self: _M, replicate: object) -> _M:
        self._replicate = bool(replicate)
        return self

    def ptto(self: _M, timetoken: Timetoken) -> _M:
        """Publish-time override: the timetoken to give the message."""
        self._ptto = timetoken
        return self


class FileStorageRequest(FileOperationEndpoint[ResultT, ClientT]):
    """A request to the file storage: absolute URL, no query parameters, no auth, raw body.

    Members implement ``storage_url()`` and, for an upload, ``storage_content()``;
    ``create_response`` receives the response body as bytes.
    """

    AUTH_REQUIRED = False
    FOLLOW_REDIRECTS = True

    def storage_url(self) -> str:
        raise NotImplementedError

    def storage_content(self) -> Optional[Tuple[bytes, str]]:
        """The body to send and its Content-Type, or None."""
        return None

    def build_path(self) -> str:
        return self.storage_url()

    def build_request(self) -> HttpRequest:
        """Validate, then describe the request to the storage URL exactly as the service gave it."""
        self.check_input()
        url = self.storage_url()
        headers = {"User-Agent": self.pubnub.sdk_name}
        content = self.storage_content()
        body: Optional[bytes] = None
        if content is not None:
            body, headers["Content-Type"] = content
        elif self.http_method() in (HttpMethod.POST, HttpMethod.PATCH):
            body = b""  # Tornado refuses a POST without a body
        return HttpRequest(method=HttpMethod.string(self.http_method()), url=url, headers=headers, body=body,
                           connect_timeout=self.connect_timeout(), request_timeout=self.request_timeout(),
                           follow_redirects=self.FOLLOW_REDIRECTS)

    def build_params_callback(self) -> Callable[[Mapping[str, Any]], Dict[str, Any]]:
        """No parameters of its own: the view is just what is merged in."""
        return lambda params_to_merge: dict(params_to_merge)

    def decode(self, body: bytes) -> bytes:
        return body

    def is_success(self, status_code: int) -> bool:
        """The storage's answer counts when below 400 (S3 answers an upload with 204)."""
        return 200 <= status_code < 400

    def response_info(self, request: Optional[HttpRequest], status_code: Optional[int]) -> ResponseInfo:
        info = super().response_info(request, status_code)
        if request is not None:  # the status describes the storage host, not the PubNub origin
            parts = urlsplit(request.url)
            info.origin = parts.hostname
            info.tls_enabled = parts.scheme == "https"
        return info
