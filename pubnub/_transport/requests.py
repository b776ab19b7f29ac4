"""Requests transport: ``HttpRequest`` -> ``requests.Session.request`` -> ``HttpResponse``.

Layer: transport. Knows requests and nothing of PubNub. One ``Session`` per thread (sessions
pool connections but are not documented as thread-safe), so connections are reused by every
call a thread makes. Library exceptions are translated by type in one place, ``_translate``.
"""
from __future__ import annotations

import re
import threading
from typing import Any, Optional

import requests

from pubnub._http import HttpRequest, HttpResponse
from pubnub.errors import PNERR_TOO_MANY_REDIRECTS_ERROR, PNERR_UNKNOWN_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

_QUERY = re.compile(r"\?[^\s)'\"]*")


def _translate(error: requests.exceptions.RequestException) -> PNTransportError:
    # requests quotes the URL in its messages: drop the query, which may hold auth and signature.
    text = _QUERY.sub("?...", str(error))
    # ConnectTimeout is both a Timeout and a ConnectionError; 4.8.1 reported it as a connection
    # error, so the connection branch comes first.
    if isinstance(error, requests.exceptions.ConnectionError):
        return PNConnectionError(text)
    if isinstance(error, requests.exceptions.Timeout):
        return PNTimeoutError(text)
    if isinstance(error, requests.exceptions.TooManyRedirects):
        return PNTransportError(text, pn_error=PNERR_TOO_MANY_REDIRECTS_ERROR)
    return PNTransportError(text, pn_error=PNERR_UNKNOWN_ERROR)


class RequestsTransport:
    """Sends requests with a per-thread ``requests.Session``."""

    def __init__(self, proxies: Optional[dict[str, str]] = None, verify: Any = True) -> None:
        self._local = threading.local()
        self._proxies = proxies
        self._verify = verify

    def _session(self) -> requests.Session:
        session: Optional[requests.Session] = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send one request; raise a PNTransportError subclass when no answer comes."""
        try:
            response = self._session().request(
                request.method, request.url, headers=dict(request.headers), data=request.body,
                timeout=(request.connect_timeout, request.request_timeout),
                allow_redirects=request.follow_redirects, proxies=self._proxies, verify=self._verify)
        except requests.exceptions.RequestException as e:
            raise _translate(e) from e
        return HttpResponse(response.status_code, response.headers, response.content, response.url)
