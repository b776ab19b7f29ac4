"""Requests transport: ``HttpRequest`` -> ``requests.Session.request`` -> ``HttpResponse``.

Layer: transport. Knows requests and nothing of PubNub: no status codes, no JSON, no threads
of its own. One ``requests.Session`` per transport, shared by every thread of the client (its
urllib3 pool is thread-safe), so ``pn_async`` worker threads and ``.sync()`` callers reuse the
same keep-alive connections. Proxies, CA bundles and ``.netrc`` come from the environment
exactly as plain ``requests`` takes them (``trust_env``), or from the constructor.

No automatic retry: a request the library could not complete is reported, never re-sent (a
re-sent publish could be stored twice). Library exceptions are translated by type in one place,
``_translate``.
"""
from __future__ import annotations

import os
import re
import threading
from typing import Any, Dict, Optional, Tuple

import requests
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies

from pubnub._http import HttpRequest, HttpResponse
from pubnub._masking import URLLIB3_LOGGERS, mask_logger
from pubnub._transport.base import cause_text
from pubnub.errors import PNERR_HTTP_ERROR, PNERR_TOO_MANY_REDIRECTS_ERROR, PNERR_UNKNOWN_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

_QUERY = re.compile(r"\?[^\s)'\"]*")

# Connections kept per host: enough for many pn_async calls in flight without urllib3
# discarding (and warning about) the surplus.
POOL_SIZE = 64


def _translate(error: requests.exceptions.RequestException) -> PNTransportError:
    """The one mapping from a requests exception to ours (4.8.1 texts and categories)."""
    # The cause alone (not requests' and urllib3's wrapping), and should it quote the URL, without
    # the query, which may hold auth and signature.
    text = _QUERY.sub("?...", cause_text(error))
    # ConnectTimeout is both a Timeout and a ConnectionError; 4.8.1 reported it as a connection
    # error, so the connection branch comes first. A body cut off mid-way is a lost connection.
    if isinstance(error, (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return PNConnectionError(text)
    if isinstance(error, requests.exceptions.Timeout):
        return PNTimeoutError(text)
    if isinstance(error, requests.exceptions.TooManyRedirects):
        return PNTransportError(text, pn_error=PNERR_TOO_MANY_REDIRECTS_ERROR)
    if isinstance(error, requests.exceptions.HTTPError):
        return PNTransportError(text, pn_error=PNERR_HTTP_ERROR)
    return PNTransportError(text, pn_error=PNERR_UNKNOWN_ERROR)


_DOT_SEGMENT = re.compile(r"/\.\.?(?:/|$)")  # a "." or ".." path segment


class RequestsTransport:
    """Sends requests through one ``requests.Session``, created on first use.

    ``proxies`` (a requests proxies mapping) and ``verify`` (bool or CA bundle path) are passed
    to every request; left unset, requests takes them from the environment.
    """

    def __init__(self, proxies: Optional[dict[str, str]] = None, verify: Any = None,
                 pool_size: int = POOL_SIZE) -> None:
        mask_logger(*URLLIB3_LOGGERS)  # their DEBUG lines carry each request's URL
        self.proxies = proxies
        self.verify = verify
        self._pool_size = pool_size
        self._session: Optional[requests.Session] = None
        self._lock = threading.Lock()
        self._origins: Dict[str, Tuple[Dict[str, str], Any]] = {}  # "scheme://host" -> (proxies, verify)

    @property
    def session(self) -> requests.Session:
        """The ``requests.Session`` every request goes through."""
        session = self._session
        if session is None:
            with self._lock:
                session = self._session
                if session is None:
                    session = self._session = self._new_session()
        return session

    def _new_session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # the environment is read once per origin (see the module docstring)
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=self._pool_size)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def _settings(self, url: str) -> Tuple[Dict[str, str], Any]:
        """Proxies and ``verify`` for ``url``'s origin: the constructor's, else the environment's."""
        end = url.find("/", url.find("//") + 2)
        origin = url[:end] if end > 0 else url
        settings = self._origins.get(origin)
        if settings is None:
            proxies = dict(get_environ_proxies(url))
            proxies.update(self.proxies or {})
            verify = self.verify
            if verify is None or verify is True:
                verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
            settings = self._origins[origin] = (proxies, verify)
        return settings

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send one request; raise a PNTransportError subclass when no answer comes."""
        session = self._session or self.session
        proxies, verify = self._settings(request.url)
        timeout = (request.connect_timeout, request.request_timeout)
        try:
            if _DOT_SEGMENT.search(request.url.split("?", 1)[0]) is None:
                response = session.request(
                    request.method, request.url, headers=request.headers, data=request.body, timeout=timeout,
                    allow_redirects=request.follow_redirects, proxies=proxies, verify=verify)
            else:  # (4.x code may wrap session.request: it stays the way every other request goes)
                response = self._send_as_built(session, request, timeout, proxies, verify)
        except requests.exceptions.RequestException as e:
            raise _translate(e) from e
        return HttpResponse(response.status_code, response.headers, response.content, response.url)

    @staticmethod
    def _send_as_built(session: requests.Session, request: HttpRequest, timeout: Any, proxies: Any,
                       verify: Any) -> requests.Response:
        """``session.request()``'s steps, but the URL sent as built: requests removes "." and ".."
        path segments, and a channel so named would address another resource."""
        prepared = session.prepare_request(requests.Request(
            request.method, request.url, headers=request.headers, data=request.body))
        prepared.url = request.url
        settings = session.merge_environment_settings(request.url, proxies or {}, None, verify, None)
        return session.send(prepared, timeout=timeout, allow_redirects=request.follow_redirects, **settings)

    def close(self) -> None:
        """Close idle pooled connections; the transport stays usable (a new pool opens on demand)."""
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
