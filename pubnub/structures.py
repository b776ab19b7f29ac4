"""Small value types shared by every client (4.8.1 ``pubnub.structures``).

``Envelope`` and ``ResponseInfo`` describe a finished call. ``RequestOptions`` and
``PlatformOptions`` are what a 4.8.1 request handler receives
(``handler.sync_request(platform_options, endpoint_call_options)``, see
``pubnub.request_handlers``): the plain client builds them from the request it would send.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Generic, List, Mapping, Optional, TypeVar

from pubnub.enums import HttpMethod

if TYPE_CHECKING:
    from pubnub.models.consumer.common import PNStatus

__all__ = ["Envelope", "PlatformOptions", "RequestOptions", "ResponseInfo"]

_METHOD_CODES = {"GET": HttpMethod.GET, "POST": HttpMethod.POST, "DELETE": HttpMethod.DELETE,
                 "PATCH": HttpMethod.PATCH}


if TYPE_CHECKING:  # a bare ``Envelope`` (4.x code, TornadoEnvelope) stays ``Envelope[Any]``
    from typing_extensions import TypeVar as _TypeVarWithDefault

    _R = _TypeVarWithDefault("_R", default=Any)
else:  # typing.TypeVar takes ``default`` from 3.13 on only; at run time it changes nothing
    _R = TypeVar("_R")


class Envelope(Generic[_R]):
    """What a call produced: ``result`` (a result model, or None) and ``status`` (a PNStatus).

    Generic in the result (``Envelope[PNPublishResult]``) for type checkers only.
    """

    def __init__(self, result: _R, status: PNStatus) -> None:
        self.result = result
        self.status = status

    def is_error(self) -> bool:
        return bool(self.status is not None and self.status.is_error())


class ResponseInfo:
    """Facts about the request a status describes, taken from its URL."""

    def __init__(self, status_code: Optional[int], tls_enabled: bool, origin: Optional[str],
                 uuid: Optional[str], auth_key: Optional[str], client_request: Any) -> None:
        self.status_code = status_code
        self.tls_enabled = tls_enabled
        self.origin = origin
        self.uuid = uuid
        self.auth_key = auth_key
        self.client_request = client_request


class PlatformOptions:
    """The client-wide part of a request handed to a request handler: headers and configuration."""

    def __init__(self, headers: Dict[str, str], pn_config: Any) -> None:
        self.headers = headers
        self.pn_config = pn_config


class RequestOptions:
    """One call's request, as a 4.8.1 request handler reads it (``endpoint_call_options``).

    ``path`` is the path on the configured origin (``pn_config.scheme()``, ``pn_config.host()``),
    or a complete URL when ``use_base_path`` is False (a file upload to storage).
    ``query_params`` maps each query key to its value as sent (already percent-encoded, signature
    included) and ``query_string`` joins them; ``data`` (also ``body``) is the request body;
    ``request_headers`` the headers specific to this call. ``create_response(data)``,
    ``create_status(category, response, response_info, exception)`` and
    ``create_exception(...)`` turn an answer into the call's result, status and exception.
    """

    def __init__(self, path: str, params_callback: Optional[Callable[[Mapping[str, Any]], Dict[str, Any]]],
                 method: int, request_timeout: Any, connect_timeout: Any, create_response: Callable[..., Any],
                 create_status: Callable[..., Any], create_exception: Callable[..., Any], operation_type: int,
                 data: Any = None, sort_arguments: bool = False, allow_redirects: bool = True,
                 use_base_path: Optional[bool] = None, files: Any = None,
                 request_headers: Optional[Dict[str, str]] = None) -> None:
        self.path = path
        self.params_callback = params_callback
        self._method = method
        self.request_timeout = request_timeout
        self.connect_timeout = connect_timeout
        self.create_response = create_response
        self.create_status = create_status
        self.create_exception = create_exception
        self.operation_type = operation_type
        self.data = data
        self.sort_params = sort_arguments
        self.allow_redirects = allow_redirects
        self.use_base_path = use_base_path
        self.files = files
        self.request_headers = request_headers
        self.query_params: Dict[str, Any] = {}
        self._endpoint: Any = None  # set by the client: how an answer becomes an Envelope

    @property
    def body(self) -> Any:
        return self.data

    @body.setter
    def body(self, value: Any) -> None:
        self.data = value

    @property
    def method_string(self) -> str:
        return HttpMethod.string(self._method)

    def is_post(self) -> bool:
        return self._method == HttpMethod.POST

    def is_patch(self) -> bool:
        return self._method == HttpMethod.PATCH

    def merge_params_in(self, params_to_merge: Mapping[str, Any]) -> None:
        """Add (or replace) query parameters; values are given as they are to be sent."""
        self.query_params.update({key: str(value) for key, value in params_to_merge.items()})

    def query_list(self) -> List[str]:
        items = ["%s=%s" % (key, value) for key, value in self.query_params.items()]
        return sorted(items) if self.sort_params else items

    @property
    def query_string(self) -> str:
        return "&".join(self.query_list())

    @classmethod
    def for_request(cls, endpoint: Any, request: Any, config: Any) -> "RequestOptions":
        """The options describing ``request`` (an ``HttpRequest`` built by ``endpoint``) exactly:
        joined again by a handler, path and query give back the very URL that was signed."""
        base, _, query = request.url.partition("?")
        prefix = config.scheme_and_host()
        on_origin = base.startswith(prefix + "/")
        headers = {key: value for key, value in request.headers.items() if key.lower() != "user-agent"}

        def create_exception(category: int, response: Any, response_info: Any, exception: Any) -> Any:
            exception.status = endpoint.create_status(category, response, response_info, exception)
            return exception

        options = cls(base[len(prefix):] if on_origin else base, endpoint.build_params_callback(),
                      _METHOD_CODES.get(request.method, HttpMethod.GET), request.request_timeout,
                      request.connect_timeout, endpoint.create_response, endpoint.create_status, create_exception,
                      endpoint.operation_type(), data=request.body, allow_redirects=request.follow_redirects,
                      use_base_path=on_origin, request_headers=headers)
        if query:
            for item in query.split("&"):
                key, _, value = item.partition("=")
                options.query_params[key] = value
        options._endpoint = endpoint
        return options
