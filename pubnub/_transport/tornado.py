"""Tornado transport: ``HttpRequest`` -> ``AsyncHTTPClient.fetch`` -> ``HttpResponse``.

Layer: transport. It knows Tornado and nothing of PubNub: no status codes, no JSON.

Why curl: Tornado's ``SimpleAsyncHTTPClient`` opens a new TCP (and TLS) connection for every
request; ``CurlAsyncHTTPClient`` keeps connections alive and reuses them, which measured several
times faster for back-to-back calls. Both are what vcrpy patches (``fetch_impl``), so cassette
replay works with either. When pycurl is not importable the transport falls back to the simple
client, and says so once in the log.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.simple_httpclient import HTTPStreamClosedError, HTTPTimeoutError

from pubnub._http import HttpRequest, HttpResponse
from pubnub.exceptions import PNConnectionError, PNTimeoutError

logger = logging.getLogger("pubnub")

_curl_client: Optional[type] = None
try:
    from tornado.curl_httpclient import CurlAsyncHTTPClient, CurlError
    _curl_client = CurlAsyncHTTPClient
except ImportError:  # pragma: no cover - pycurl is missing on this platform
    class CurlError(Exception):  # type: ignore[no-redef]
        errno: Optional[int] = None

_CURL_TIMEOUT = 28  # CURLE_OPERATION_TIMEDOUT


class TornadoTransport:
    """Sends requests with one private ``AsyncHTTPClient`` (connection reuse with curl)."""

    def __init__(self, max_clients: int = 100, use_curl: Optional[bool] = None, **defaults: Any) -> None:
        """Create the client.

        Args:
            max_clients: requests in flight at once; more wait in a queue.
            use_curl: force (True) or refuse (False) the curl client; default: curl if available.
            defaults: extra ``HTTPRequest`` defaults, e.g. ``ca_certs`` or ``validate_cert``.
        """
        if use_curl is None:
            use_curl = _curl_client is not None
            if not use_curl:
                logger.warning("pycurl is not available: HTTP connections will not be reused")
        client_class = _curl_client if use_curl else AsyncHTTPClient
        if client_class is None:
            raise RuntimeError("use_curl=True but pycurl is not installed")
        self._client: AsyncHTTPClient = client_class(force_instance=True, max_clients=max_clients, defaults=defaults)
        self.uses_curl = bool(use_curl)

    async def send(self, request: HttpRequest) -> HttpResponse:
        """Send one request; raise PNTimeoutError / PNConnectionError when no answer comes."""
        tornado_request = HTTPRequest(
            request.url, method=request.method, headers=dict(request.headers), body=request.body,
            connect_timeout=request.connect_timeout, request_timeout=request.request_timeout,
            follow_redirects=request.follow_redirects, allow_nonstandard_methods=True)
        try:
            response = await self._client.fetch(tornado_request, raise_error=False)
        except HTTPTimeoutError as e:
            raise PNTimeoutError(str(e)) from e
        except CurlError as e:
            if getattr(e, "errno", None) == _CURL_TIMEOUT:
                raise PNTimeoutError(str(e)) from e
            raise PNConnectionError(str(e)) from e
        except (HTTPStreamClosedError, OSError) as e:
            raise PNConnectionError(str(e)) from e
        except HTTPClientError as e:
            if e.code == 599:
                raise PNConnectionError(str(e)) from e
            raise
        return HttpResponse(response.code, response.headers, response.body or b"", response.effective_url)

    def close(self) -> None:
        self._client.close()
