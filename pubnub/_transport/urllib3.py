"""Urllib3 transport: ``HttpRequest`` -> ``urllib3`` connection pool -> ``HttpResponse``.

Layer: transport. Knows urllib3 (and borrows requests' environment helpers) and nothing of
PubNub: no status codes, no JSON, no threads of its own. It is the plain client's default
because ``requests.Session.request`` spends most of a call's CPU preparing, hooking and wrapping
what urllib3 then sends (``benchmarks/sync_bench.py``); this module sends what requests would
send, straight through urllib3, the library requests itself sends through:

* the same request on the wire: requests' default headers (``User-Agent``, ``Accept-Encoding``,
  ``Accept``, ``Connection``) under the request's own, ``Content-Length`` where requests sets
  it, and URLs that are not already in the form requests sends are prepared by requests
  (``requests.PreparedRequest``: IDNA host, re-quoting, credentials in the URL);
* the same environment, read once per origin (scheme, host, port) as ``RequestsTransport`` does:
  ``HTTP(S)_PROXY`` / ``ALL_PROXY`` / ``NO_PROXY`` through ``requests.utils.get_environ_proxies``,
  ``REQUESTS_CA_BUNDLE`` then ``CURL_CA_BUNDLE``, else requests' CA bundle (certifi); proxies and
  ``verify`` given to the constructor win. ``.netrc`` is not read (``RequestsTransport`` does
  not read it either). Proxy credentials in the proxy URL become ``Proxy-Authorization``; https
  goes through an http proxy by CONNECT, as with requests; ``socks`` proxies need PySocks;
* the same answers: redirects followed as requests follows them (at most 30; 301/302/303 turn a
  POST into a GET; ``Authorization`` dropped on a host change), cookies the server sets sent
  back (one ``http.cookiejar`` per transport, consulted only once a cookie was set), bodies
  decoded (gzip, deflate);
* the same failures: the exception requests would have raised, mapped as ``RequestsTransport``
  maps it, with urllib3's text (the query, which may hold auth and signature, dropped).

No automatic retry: a request that could not be completed is reported, never re-sent. One
``PoolManager`` per transport, shared by every thread of the client (urllib3's pools are
thread-safe); the pool of each origin is looked up once and then used directly.
"""
from __future__ import annotations

import http.cookiejar
import os
import re
import threading
import urllib.request
from typing import Any, Dict, Mapping, Optional, Tuple
from urllib.parse import urlsplit

import requests
import urllib3
from requests.utils import (
    DEFAULT_CA_BUNDLE_PATH,
    default_headers,
    get_auth_from_url,
    get_environ_proxies,
    prepend_scheme_if_needed,
    select_proxy,
)
from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    LocationValueError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)
from urllib3.exceptions import ProxyError as Urllib3ProxyError
from urllib3.util.retry import Retry

from pubnub._http import HttpRequest, HttpResponse
from pubnub._masking import URLLIB3_LOGGERS, mask_logger
from pubnub._transport.aborting import Aborter
from pubnub._transport.base import cause_text
from pubnub._transport.redirects import MAX_REDIRECTS, REDIRECT_CODES, redirected
from pubnub.errors import PNERR_TOO_MANY_REDIRECTS_ERROR, PNERR_UNKNOWN_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

__all__ = ["Urllib3Transport"]

_QUERY = re.compile(r"\?[^\s)'\"]*")

# Connections kept per host (as RequestsTransport): many pn_async calls in flight without
# urllib3 discarding (and warning about) the surplus. Hosts kept: the origin, file storage.
POOL_SIZE = 64
NUM_POOLS = 10

# A URL requests would send unchanged: http(s), a plain host[:port], a path, no fragment, no
# credentials, only characters requests' re-quoting keeps, and no escape it would rewrite (an
# invalid one, or one of an unreserved character, which requests unquotes). Anything else is
# prepared by requests itself (the rare path).
_SENT_AS_IS = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]+)?/[A-Za-z0-9\-._~!$&'()*+,/:;=?@%]*\Z")
_REWRITTEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})|%(?:2[DEde]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa]|5[Ff]|7[Ee])")

# requests' HTTPAdapter: no retry; a read error (a timeout, a dropped connection) is raised as is.
_RETRIES = Retry(0, read=False)


def _text(error: BaseException) -> str:
    """The cause of ``error`` (``cause_text``), any URL query in it cut (auth, signature)."""
    return _QUERY.sub("?...", cause_text(error))


def _translate(error: BaseException) -> PNTransportError:
    """The one mapping from a urllib3 failure to ours: the category requests' exception for it
    would get from ``RequestsTransport`` (4.8.1 texts and categories)."""
    text = _text(error)
    if isinstance(error, MaxRetryError):
        reason = error.reason
        # requests: ConnectTimeout (a connection error first, as 4.8.1), RetryError, ProxyError,
        # SSLError, else ConnectionError.
        if isinstance(reason, ResponseError):
            return PNTransportError(text, pn_error=PNERR_UNKNOWN_ERROR)
        return PNConnectionError(text)
    if isinstance(error, ReadTimeoutError):
        return PNTimeoutError(text)
    if isinstance(error, (ProtocolError, ClosedPoolError, Urllib3ProxyError, SSLError, NewConnectionError,
                          ConnectTimeoutError, OSError)):
        return PNConnectionError(text)
    return PNTransportError(text, pn_error=PNERR_UNKNOWN_ERROR)


def _translate_body_error(error: BaseException) -> PNTransportError:
    """A failure while reading the body, mapped as requests maps it (it reads the body after the
    headers): a timeout or cut-off there is a lost connection, a bad encoding an unknown error."""
    if isinstance(error, DecodeError):
        return PNTransportError(_text(error), pn_error=PNERR_UNKNOWN_ERROR)
    if isinstance(error, (ProtocolError, ReadTimeoutError, SSLError, OSError)):
        return PNConnectionError(_text(error))
    return _translate(error)


class _CookieResponse:
    """What ``http.cookiejar`` reads from a response: its ``Set-Cookie`` headers."""

    def __init__(self, headers: Any) -> None:
        self._headers = headers

    def info(self) -> "_CookieResponse":
        return self

    def get_all(self, name: str, default: Any = None) -> Any:
        return self._headers.getlist(name) or default


class _Route:
    """How requests to one origin go out: the connection pool (to the origin, to a proxy, or
    through a proxy's CONNECT tunnel), and whether it takes the absolute URL (http through a
    proxy) or the request target."""

    __slots__ = ("absolute", "pool")

    def __init__(self, pool: Any, absolute: bool = False) -> None:
        self.pool = pool
        self.absolute = absolute


class Urllib3Transport:
    """Sends requests through one ``urllib3.PoolManager`` (created on first use).

    ``proxies`` (a requests proxies mapping) and ``verify`` (bool, or a CA bundle file or
    directory) apply to every request; left unset, they come from the environment as with
    requests. ``pool_size``: connections kept per host. ``abortable``: keep track of the
    connections made, for ``abort()``.
    """

    def __init__(self, proxies: Optional[Dict[str, str]] = None, verify: Any = None,
                 pool_size: int = POOL_SIZE, abortable: bool = False) -> None:
        mask_logger(*URLLIB3_LOGGERS)  # their DEBUG lines carry each request's URL
        self.proxies = proxies
        self.verify = verify
        self._pool_size = pool_size
        self._lock = threading.Lock()
        self._aborter = Aborter() if abortable else None
        self._manager: Optional[urllib3.PoolManager] = None
        self._proxy_managers: Dict[str, Any] = {}
        self._routes: Dict[str, _Route] = {}
        self._timeouts: Dict[Tuple[float, float], urllib3.Timeout] = {}
        self._cookies = http.cookiejar.CookieJar()
        self._has_cookies = False
        defaults = default_headers()
        self._default_headers: Dict[str, str] = {str(k): str(v) for k, v in defaults.items()}
        self._default_names = {name.lower(): name for name in self._default_headers}

    @property
    def pool_manager(self) -> urllib3.PoolManager:
        """The ``urllib3.PoolManager`` of direct (unproxied) requests."""
        manager = self._manager
        if manager is None:
            with self._lock:
                manager = self._direct_manager()
        return manager

    def _direct_manager(self) -> urllib3.PoolManager:  # with the lock held
        manager = self._manager
        if manager is None:
            manager = self._manager = urllib3.PoolManager(num_pools=NUM_POOLS, maxsize=self._pool_size)
        return manager

    # ----- routing (once per origin) -----------------------------------------------------------
    def _route(self, origin: str, url: str) -> _Route:
        route = self._routes.get(origin)
        if route is not None and route.pool.pool is not None:
            return route  # (a pool closed by close(), or evicted by its manager, has pool None)
        with self._lock:
            route = self._new_route(url)
            self._routes[origin] = route
        return route

    def _new_route(self, url: str) -> _Route:  # with the lock held
        proxies = dict(get_environ_proxies(url))
        proxies.update(self.proxies or {})
        verify = self.verify
        if verify is None or verify is True:
            verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        tls: Dict[str, Any] = {}
        if url[:6].lower() == "https:":
            if verify is False:
                tls = {"cert_reqs": "CERT_NONE", "ca_certs": None, "ca_cert_dir": None}
            else:
                location = DEFAULT_CA_BUNDLE_PATH if verify is True else verify
                if not location or not os.path.exists(location):  # as requests: before connecting
                    raise OSError("Could not find a suitable TLS CA certificate bundle, invalid path: %s" % location)
                key = "ca_certs" if not os.path.isdir(location) else "ca_cert_dir"
                tls = {"cert_reqs": "CERT_REQUIRED", key: location}
        proxy = select_proxy(url, proxies)
        if proxy is None:
            return _Route(self._tracked(self._direct_manager().connection_from_url(url, pool_kwargs=tls)))
        # As requests: the proxy manager's pool for the URL, sent the request target through a
        # CONNECT tunnel (https), else the absolute URL.
        manager = self._proxy_manager(prepend_scheme_if_needed(proxy, "http"))  # type: ignore[no-untyped-call]
        return _Route(self._tracked(manager.connection_from_url(url, pool_kwargs=tls)), url[:6].lower() != "https:")

    def _tracked(self, pool: Any) -> Any:
        """``pool``, its connections noted for ``abort()`` when the transport is abortable."""
        return pool if self._aborter is None else self._aborter.track(pool)

    def _proxy_manager(self, proxy: str) -> Any:
        manager = self._proxy_managers.get(proxy)
        if manager is None:
            if proxy.lower().startswith("socks"):
                from urllib3.contrib.socks import SOCKSProxyManager  # needs PySocks, as with requests

                username, password = get_auth_from_url(proxy)
                manager = SOCKSProxyManager(proxy, username=username or None, password=password or None,
                                            num_pools=NUM_POOLS, maxsize=self._pool_size)
            else:
                username, password = get_auth_from_url(proxy)
                headers = {}
                if username:  # requests' header name and encoding
                    headers["Proxy-Authorization"] = urllib3.make_headers(
                        proxy_basic_auth="%s:%s" % (username, password))["proxy-authorization"]
                manager = urllib3.proxy_from_url(proxy, proxy_headers=headers, num_pools=NUM_POOLS,
                                                 maxsize=self._pool_size)
            self._proxy_managers[proxy] = manager
        return manager

    # ----- sending --------------------------------------------------------------------------
    def send(self, request: HttpRequest) -> HttpResponse:
        """Send one request (following redirects as requests does); raise a PNTransportError
        subclass when no answer comes."""
        method, url, body = request.method, request.url, request.body
        if self._aborter is not None:
            self._aborter.request_started()
        headers = self._headers(request.headers)
        if body is not None or method not in ("GET", "HEAD"):  # as requests: a body has a length
            headers["Content-Length"] = str(len(body)) if body is not None else "0"
        key = (request.connect_timeout, request.request_timeout)
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = self._timeouts[key] = urllib3.Timeout(connect=key[0], read=key[1])
        redirects = 0
        while True:
            if _SENT_AS_IS.match(url) is None or _REWRITTEN_ESCAPE.search(url) is not None:
                url, headers, body = _prepared(method, url, headers, body)
            status, response_headers, content = self._exchange(method, url, headers, body, timeout)
            if (status not in REDIRECT_CODES or not request.follow_redirects
                    or "location" not in response_headers):
                return HttpResponse(status, response_headers, content, url)
            redirects += 1
            if redirects > MAX_REDIRECTS:
                raise PNTransportError("Exceeded %d redirects." % MAX_REDIRECTS,
                                       pn_error=PNERR_TOO_MANY_REDIRECTS_ERROR)
            method, url, headers, body = redirected(method, url, headers, body, status,
                                                    response_headers["location"])

    def _headers(self, given: Mapping[str, str]) -> Dict[str, str]:
        """requests' default headers under the request's own (names compared without case)."""
        headers = dict(self._default_headers)
        defaults = self._default_names
        for name, value in given.items():
            default = defaults.get(name.lower())
            if default is None or default == name:
                headers[name] = value
            else:  # as requests' case-insensitive merge: the default's place, the given name
                headers = {(name if key == default else key): (value if key == default else old)
                           for key, old in headers.items()}
        return headers

    def _exchange(self, method: str, url: str, headers: Dict[str, str], body: Optional[bytes],
                  timeout: urllib3.Timeout) -> Tuple[int, Any, bytes]:
        """One request and its whole answer: (status, headers, body)."""
        if self._has_cookies:
            headers = self._with_cookies(url, headers)
        end = url.find("/", url.find("//") + 2)
        origin, target = (url[:end], url[end:]) if end > 0 else (url, "/")
        for attempt in (1, 2):
            route = self._route(origin, url)
            try:
                response = route.pool.urlopen(method, url if route.absolute else target, body=body,
                                              headers=headers, retries=_RETRIES, redirect=False,
                                              assert_same_host=False, timeout=timeout, preload_content=False,
                                              decode_content=True)
            except ClosedPoolError:
                if attempt == 2:  # closed (close(), or evicted) before the request went out: once more
                    raise PNConnectionError("the connection pool was closed") from None
                with self._lock:
                    self._routes.pop(origin, None)
                continue
            except (HTTPError, OSError) as e:
                raise _translate(e) from e
            break
        try:
            content = response.read()
        except (HTTPError, OSError) as e:
            raise _translate_body_error(e) from e
        finally:
            release = getattr(response, "release_conn", None)  # a replay library's response may lack it
            if release is not None:
                release()
        response_headers = response.headers
        if "set-cookie" in response_headers:
            self._keep_cookies(url, headers, response_headers)
        return response.status, response_headers, content

    # ----- cookies (only once a server set one) ---------------------------------------------------
    def _with_cookies(self, url: str, headers: Dict[str, str]) -> Dict[str, str]:
        outgoing = urllib.request.Request(url, headers=headers)
        self._cookies.add_cookie_header(outgoing)
        cookie = outgoing.unredirected_hdrs.get("Cookie")
        if cookie is not None:
            headers = dict(headers)
            headers["Cookie"] = cookie
        return headers

    def _keep_cookies(self, url: str, headers: Dict[str, str], response_headers: Any) -> None:
        self._cookies.extract_cookies(_CookieResponse(response_headers),  # type: ignore[arg-type]
                                      urllib.request.Request(url, headers=headers))
        self._has_cookies = len(self._cookies) > 0

    def abort(self) -> None:
        """End every request in flight (``abortable`` only) with a PNConnectionError, on whatever
        thread it waits: the connections made are shut down, in use or idle, and a request started
        before this call that is still connecting may not. The transport stays usable: later
        requests get new connections (``pubnub._transport.aborting``)."""
        if self._aborter is not None:
            self._aborter.abort()

    def close(self) -> None:
        """Close the pooled connections; the transport stays usable (new pools open on demand)."""
        with self._lock:
            self._routes.clear()
            managers = list(self._proxy_managers.values())
            self._proxy_managers.clear()
            if self._manager is not None:
                managers.append(self._manager)
        for manager in managers:
            manager.clear()


def _prepared(method: str, url: str, headers: Dict[str, str],
              body: Optional[bytes]) -> Tuple[str, Dict[str, str], Optional[bytes]]:
    """The URL and headers requests would send for ``url`` (the rare path: see ``_SENT_AS_IS``)."""
    try:
        prepared = requests.Request(method, url, headers=headers, data=body).prepare()
    except (requests.exceptions.RequestException, LocationValueError, ValueError) as e:
        raise PNTransportError(_text(e), pn_error=PNERR_UNKNOWN_ERROR) from e
    parts = urlsplit(prepared.url or url)
    if parts.username is not None or parts.fragment:  # credentials went into Authorization
        netloc = parts.netloc.rpartition("@")[2]
        target = parts.path + ("?" + parts.query if parts.query else "")
        url = "%s://%s%s" % (parts.scheme, netloc, target or "/")
    else:
        url = prepared.url or url
    return url, {str(k): str(v) for k, v in prepared.headers.items()}, body
