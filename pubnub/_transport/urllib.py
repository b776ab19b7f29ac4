"""Urllib transport: ``HttpRequest`` -> ``urllib.request`` -> ``HttpResponse``.

Layer: transport. Knows the standard library's ``urllib.request`` and nothing of PubNub: no
status codes beyond "an HTTP answer is an answer", no JSON, no threads. It backs
``pubnub.request_handlers.urllib2_handler.Urllib2RequestHandler`` (4.8.1's handler for
platforms without ``requests``). Proxies come from the environment, as ``urllib`` takes them.
One connection per request (``urllib`` keeps none alive); urllib has a single timeout for
connecting and reading, so the larger of the two request timeouts is used.
"""
from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.request
from typing import Any, Optional

from pubnub._http import HttpRequest, HttpResponse
from pubnub.errors import PNERR_UNKNOWN_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

_QUERY = re.compile(r"\?[^\s)'\"]*")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hands a redirect back as the answer (``follow_redirects=False``) instead of following it."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        return None


def _translate(error: BaseException) -> PNTransportError:
    """The one mapping from a urllib/socket failure to ours; the query (auth, signature) is dropped."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    text = _QUERY.sub("?...", str(error))
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return PNTimeoutError(text)
    if isinstance(reason, (OSError, http.client.HTTPException)):
        return PNConnectionError(text)
    return PNTransportError(text, pn_error=PNERR_UNKNOWN_ERROR)


class UrllibTransport:
    """Sends each request with ``urllib.request`` (the standard library only)."""

    def __init__(self) -> None:
        self._following = urllib.request.build_opener()
        self._not_following = urllib.request.build_opener(_NoRedirect())

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send one request; raise a PNTransportError subclass when no answer comes."""
        outgoing = urllib.request.Request(request.url, data=request.body, headers=dict(request.headers),
                                          method=request.method)
        opener = self._following if request.follow_redirects else self._not_following
        timeout = max(request.connect_timeout, request.request_timeout)
        response: Optional[Any] = None
        try:
            try:
                response = opener.open(outgoing, timeout=timeout)
            except urllib.error.HTTPError as answer:  # a 4xx/5xx (or unfollowed 3xx) is an answer
                response = answer
            body = response.read()
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            raise _translate(e) from e
        finally:
            if response is not None:
                response.close()
        code = response.code if isinstance(response, urllib.error.HTTPError) else response.status
        return HttpResponse(code, dict(response.headers.items()), body, response.geturl())

    def close(self) -> None:
        """Nothing to release: urllib keeps no connections open."""
