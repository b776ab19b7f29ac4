"""Endpoint: the base of every API call. Builds the request and parses the answer; never sends.

Layer: core. Must not import tornado, requests or asyncio, start threads or read the clock
directly (``self.pubnub.timestamp()`` is the clock).

A concrete endpoint declares its constant facts as UPPER_CASE class attributes (``OPERATION``,
``NAME``, ``HTTP_METHOD``, ``AUTH_REQUIRED``, ``TIMEOUT``) and implements the hooks that really
vary: ``validate_params``, ``build_path``, ``custom_params``, ``build_data``, ``create_response``.
The 4.8.1 methods (``operation_type()``, ``name()``, ``http_method()``, ``request_timeout()``,
``build_params_callback()`` ...) are derived here once.

Typing: an endpoint is ``Endpoint[ResultT, ClientT]`` (``Publish(PublishBase[PNPublishResult,
ClientT])``), its setters return their own type, and the factories type ``self``, so
``PubNubTornado().publish().channel("a").message(1)`` is a ``Publish[PubNubTornado]``: ``.sync()``
is ``Envelope[PNPublishResult]``, ``.future()`` an awaitable of that envelope or an
``ErrorEnvelope``, and ``.result()`` / ``.pn_async()`` depend on the client (see ``result``).
"""
from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Dict,
    Generic,
    Iterable,
    Mapping,
    NoReturn,
    Optional,
    Protocol,
    Sequence,
    TypeVar,
    Union,
    overload,
)

from pubnub import _outcome, utils
from pubnub._context import ClientContext, telemetry_of, tokens_of
from pubnub._http import HttpRequest, HttpResponse
from pubnub.endpoints._setter_input import SetterInput, require
from pubnub.enums import HttpMethod, PNResourceType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_DEFERRED_NOT_IMPLEMENTED,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_SECRET_KEY_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.managers import TokenManagerProperties
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.pn_error_data import PNErrorData
from pubnub.structures import Envelope, ResponseInfo

QueryValue = Any  # str, number, bool-as-text, or a list/tuple of items joined by ","

#: What a timetoken setter (``start``, ``end``, ``timetoken`` ...) takes: an int, or its digits as
#: a str; None leaves it unset.
Timetoken = Union[int, str, None]
#: What the appending name-list setters (``channels``, ``channel_groups``, ``auth_keys`` ...) take:
#: a str (split on ","), or an iterable of names (each sent as ``str(name)``); None adds nothing.
Names = Union[str, Iterable[object], None]

# The parameters of ``Endpoint[ResultT, ClientT]``. ResultT is what a call produces
# (``PNPublishResult`` for ``Publish``). ClientT is the client it was built on
# (``PubNubTornado().publish()`` is a ``Publish[PubNubTornado]``), which decides what ``.result()``
# and ``.pn_async()`` return; it is covariant, so a ``Publish[PubNubTornado]`` is a
# ``Publish[AsyncClientContext]``, which is how their overloads tell the clients apart. Both default
# to Any for type checkers, so a bare ``Publish`` (or a 4.x ``Endpoint`` subclass) is a complete type.
if TYPE_CHECKING:
    from typing_extensions import TypeVar as _TypeVarWithDefault

    ResultT = _TypeVarWithDefault("ResultT", default=Any)
    ClientT = _TypeVarWithDefault("ClientT", bound=ClientContext, covariant=True, default=Any)
else:  # typing.TypeVar takes ``default`` from 3.13 on only; at run time it changes nothing
    ResultT = TypeVar("ResultT")
    ClientT = TypeVar("ClientT", bound=ClientContext, covariant=True)


class AsyncClientContext(ClientContext, Protocol):
    """A client whose calls are awaited (``PubNubTornado``): ``request_result`` returns an awaitable.

    The plain ``PubNub`` does not match it (its ``request_result`` returns the result itself,
    declared ``object``), so ``.result()`` is ``Awaitable[R]`` on one and ``R`` on the other.
    """

    def request_result(self, endpoint: Any) -> Awaitable[Any]: ...


class CallHandle(Protocol):
    """What ``.pn_async()`` returns on the plain client (``pubnub.pubnub.Call``): the worker thread's handle."""

    def join(self, timeout: Optional[float] = None) -> None: ...

    def is_alive(self) -> bool: ...

    def cancel(self) -> None:
        """Drop the callback if it has not run yet."""


class ErrorEnvelope(Protocol):
    """What ``.future()`` resolves to when a call failed (``PubNubTornadoException``): it is a value,
    not raised, and reads like an envelope (``result``, ``status``, ``is_error()``)."""

    result: Any
    status: PNStatus

    def is_error(self) -> bool: ...

    def value(self) -> Any:
        """The ``PubNubException`` that describes the failure."""


def range_params(start: Any, end: Any) -> Dict[str, QueryValue]:
    """The ``start``/``end`` timetoken query parameters of a range, each only when set."""
    params: Dict[str, QueryValue] = {}
    if start is not None:
        params["start"] = str(start)
    if end is not None:
        params["end"] = str(end)
    return params


def _signed(value: QueryValue) -> str:
    """The decoded form of a query value, as a server sees it before canonicalising."""
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


class Endpoint(SetterInput, Generic[ResultT, ClientT]):
    """Base of all endpoints: builder state plus declarations; see the module docstring.

    Setters take their arguments through ``SetterInput`` (4.8.1's coercions). Generic in the
    result a call produces (``ResultT``) and the client it runs on (``ClientT``); the parameters
    inform type checkers only: classes are subscripted once, where they are defined, never per call.
    """

    OPERATION: int = 0
    NAME: str = ""
    HTTP_METHOD: int = HttpMethod.GET
    AUTH_REQUIRED: bool = True
    TIMEOUT: str = "non_subscribe"
    # Query keys that 4.8.1 held percent-encoded in its parameter dictionary (only the
    # compatibility view build_params_callback() reproduces that; the wire encodes every value).
    PREENCODED_PARAMS: Sequence[str] = ()

    _channel: Any = None  # the single channel of endpoints that have one (see get_tms_properties)

    def __init__(self, pubnub: ClientT) -> None:
        self.pubnub = pubnub

    # ----- 4.8.1 hooks -------------------------------------------------------------------
    def build_path(self) -> str:
        raise NotImplementedError

    def custom_params(self) -> Dict[str, QueryValue]:
        return {}

    def build_data(self) -> Optional[str]:
        return None

    def validate_params(self) -> None:
        pass

    def create_response(self, envelope: Any) -> ResultT:
        raise NotImplementedError

    def affected_channels(self) -> Any:
        return None

    def flow(self) -> Any:
        """A generator for calls made of several requests (see ``pubnub._flows``), else None."""
        return None

    def affected_channels_groups(self) -> Any:
        return None

    # ----- declarations turned into the 4.8.1 methods --------------------------------------
    def operation_type(self) -> int:
        return self.OPERATION

    def name(self) -> str:
        return self.NAME

    def http_method(self) -> int:
        return self.HTTP_METHOD

    def is_auth_required(self) -> bool:
        return self.AUTH_REQUIRED

    def request_timeout(self) -> Any:
        if self.TIMEOUT == "subscribe":
            return self.pubnub.config.subscribe_request_timeout
        return self.pubnub.config.non_subscribe_request_timeout

    def connect_timeout(self) -> Any:
        return self.pubnub.config.connect_timeout

    # ----- validation helpers ------------------------------------------------------------
    def validate_subscribe_key(self) -> str:
        """The configured subscribe key, or ``PNERR_SUBSCRIBE_KEY_MISSING``."""
        key: str = require(self.pubnub.config.subscribe_key, PNERR_SUBSCRIBE_KEY_MISSING)
        return key

    def validate_publish_key(self) -> str:
        """The configured publish key, or ``PNERR_PUBLISH_KEY_MISSING``."""
        key: str = require(self.pubnub.config.publish_key, PNERR_PUBLISH_KEY_MISSING)
        return key

    def validate_secret_key(self) -> str:
        """The configured secret key, or ``PNERR_SECRET_KEY_MISSING``."""
        key: str = require(self.pubnub.config.secret_key, PNERR_SECRET_KEY_MISSING)
        return key

    def validate_channel(self, channel: Any) -> None:
        require(channel, PNERR_CHANNEL_MISSING)

    def check_input(self) -> None:
        """Raise the error of a refused setter value, then run ``validate_params()``."""
        if self._input_error is not None:
            raise self._input_error
        self.validate_params()

    # ----- request building ------------------------------------------------------------
    def _query(self, path: str, body: Optional[str],
               params: Optional[Dict[str, QueryValue]] = None) -> Dict[str, QueryValue]:
        """All query parameters with decoded values, signed when a secret key is configured.

        ``params`` are the endpoint's own parameters, passed by ``build_params_callback`` (4.8.1's
        ``custom_params()`` view). None means the request being sent: ``custom_params()`` again,
        unless an endpoint sends more or other forms (it overrides ``_query`` and passes them in).
        """
        pubnub = self.pubnub
        config = pubnub.config
        if params is None:
            params = self.custom_params()
        params["pnsdk"] = pubnub.sdk_name
        # The client's ``uuid`` (its configured one): 4.x tests set it on a mocked client.
        params["uuid"] = pubnub.uuid
        telemetry = telemetry_of(pubnub)
        if telemetry is not None:
            params.update(telemetry.operation_latencies())
        if self.is_auth_required():
            auth = config.auth_key
            if auth is None and not config.disable_token_manager:
                auth = self._stored_token()
            if auth is not None:
                params["auth"] = auth
        if config.secret_key is not None:
            self.validate_publish_key()  # the publish key is part of every signed string
            params["timestamp"] = str(pubnub.timestamp())
            params["signature"] = self._signature(path, {k: _signed(v) for k, v in params.items()}, body)
        return params

    def get_tms_properties(self) -> Optional[TokenManagerProperties]:
        """The resource whose stored Access Manager v3 token authorises this call: by default the
        endpoint's single channel, if it has one."""
        channel = self._channel
        if isinstance(channel, str) and channel:
            return TokenManagerProperties(PNResourceType.CHANNEL, channel)
        return None

    def _stored_token(self) -> Optional[str]:
        """A token stored with ``set_token()`` for this call's resource (4.8.1 never sent one)."""
        manager = tokens_of(self.pubnub)
        if manager is None or not manager.has_tokens:
            return None
        token: Optional[str] = manager.get_token(self.get_tms_properties())
        return token

    def _signature(self, path: str, params: Mapping[str, str], body: Optional[str]) -> str:
        return utils.sign_request_v2(self.validate_secret_key(), self.validate_publish_key(),
                                     HttpMethod.string(self.http_method()), path, params, body)

    def build_request(self) -> HttpRequest:
        """Validate, then describe the request completely (path, query, body, signature)."""
        if self._input_error is not None:
            raise self._input_error
        self.validate_params()
        path = self.build_path()
        body = self.build_data()
        method = self.http_method()
        if body is None and method in (HttpMethod.POST, HttpMethod.PATCH):
            body = ""  # Tornado refuses a POST without a body
        query = utils.encode_query(self._query(path, body))
        config = self.pubnub.config
        headers = {"User-Agent": self.pubnub.sdk_name}
        if body is not None:
            headers["Content-Type"] = "application/json"
        return HttpRequest(
            method=HttpMethod.string(method),
            url="%s://%s%s?%s" % (config.scheme(), config.host(), path, query),
            headers=headers,
            body=body.encode("utf-8") if body is not None else None,
            connect_timeout=self.connect_timeout(),
            request_timeout=self.request_timeout(),
        )

    def build_params_callback(self) -> Callable[[Mapping[str, Any]], Dict[str, Any]]:
        """4.8.1 view of the query: a function merging extra params into this call's params."""
        def callback(params_to_merge: Mapping[str, Any]) -> Dict[str, Any]:
            path = self.build_path()
            params = self._query(path, self.build_data(), self.custom_params())
            params.update(params_to_merge)
            view: Dict[str, Any] = {}
            for key, value in params.items():
                if key in self.PREENCODED_PARAMS or key == "pnsdk":
                    view[key] = utils.encode_query_value(value)
                else:
                    view[key] = _signed(value) if isinstance(value, (list, tuple)) else value
            return view
        return callback

    # ----- response side -------------------------------------------------------------------
    def decode(self, body: bytes) -> Any:
        """Turn a response body into the data ``create_response`` reads (JSON by default)."""
        return utils.parse_json(body.decode("utf-8"))

    def decode_response(self, response: HttpResponse) -> Any:
        """The data ``create_response`` reads, from the whole response (default: ``decode`` of the body)."""
        return self.decode(response.body)

    def is_success(self, status_code: int) -> bool:
        """Whether an answer with this code is a success: the one rule (any 2xx) unless an endpoint
        expects more (a redirect it reads itself)."""
        return _outcome.is_success(status_code)

    def response_info(self, request: Optional[HttpRequest], status_code: Optional[int]) -> ResponseInfo:
        config = self.pubnub.config
        auth = config.auth_key if self.is_auth_required() else None
        # status_code, tls_enabled, origin, uuid, auth_key, client_request (positional: every call makes one)
        return ResponseInfo(status_code, bool(config.ssl), config.host().split(":")[0], config.uuid, auth, request)

    def create_status(self, category: int, response: Any, response_info: Optional[ResponseInfo],
                      exception: Optional[PubNubException]) -> PNStatus:
        """A PNStatus for this call (``exception`` set means it failed)."""
        status = PNStatus()
        status.category = category
        status.operation = self.operation_type()
        status.original_response = response
        if exception is not None:
            status.error = True
            status.error_data = PNErrorData(str(exception), exception)
        if response_info is not None:
            status.status_code = response_info.status_code
            status.tls_enabled = response_info.tls_enabled
            status.origin = response_info.origin
            status.uuid = response_info.uuid
            status.auth_key = response_info.auth_key
            status.client_request = response_info.client_request
        status.affected_channels = self.affected_channels()
        status.affected_groups = status.affected_channels_groups = self.affected_channels_groups()
        return status

    # ----- execution modes: each client implements the ones it supports ----------------------
    def sync(self) -> Envelope[ResultT]:
        """The plain client: the envelope, or raise the ``PubNubException`` (Tornado: unsupported)."""
        return self.pubnub.request_sync(self)

    @overload
    def pn_async(self: Endpoint[ResultT, AsyncClientContext],
                 callback: Callable[[Optional[ResultT], PNStatus], object]) -> None: ...

    @overload
    def pn_async(self, callback: Callable[[Optional[ResultT], PNStatus], object]) -> CallHandle: ...

    def pn_async(self, callback: Callable[[Optional[ResultT], PNStatus], object]) -> Optional[CallHandle]:
        """Run the call, then ``callback(result, status)`` (result None on failure). The plain
        client returns its ``Call`` handle, Tornado None."""
        return self.pubnub.request_async(self, callback)

    def future(self) -> Awaitable[Union[Envelope[ResultT], ErrorEnvelope]]:
        """Tornado: resolves to the envelope, or to an error value; never raises (plain: unsupported)."""
        return self.pubnub.request_future(self)

    @overload
    def result(self: Endpoint[ResultT, AsyncClientContext]) -> Awaitable[ResultT]: ...

    @overload
    def result(self) -> ResultT: ...

    def result(self) -> Any:
        """The result: on Tornado an awaitable resolving to it (or raising), on the plain client
        the result itself (or raise).

        Typed per client: ``Awaitable[R]`` when the endpoint's client is an ``AsyncClientContext``
        (its ``request_result`` returns an awaitable, as PubNubTornado's does), else ``R``
        (PubNub). An endpoint whose client type is unknown (a bare ``Publish``) gets the first.
        """
        return self.pubnub.request_result(self)

    def deferred(self) -> NoReturn:
        raise PubNubException(pn_error=PNERR_DEFERRED_NOT_IMPLEMENTED)
