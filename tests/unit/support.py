"""Helpers of the unit tests: offline clients with a fixed clock, URL splitting, fake answers.

Nothing here opens a socket or needs an IOLoop: endpoints only build requests and parse bodies.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import unquote, urlsplit

import pytest

from pubnub import _outcome
from pubnub._http import HttpRequest, HttpResponse
from pubnub.exceptions import PubNubException
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope
from pubnub.utils import url_encode

NOW = 1600000000


def make_config(**settings: Any) -> PNConfiguration:
    """A configuration with test keys (``pub-c-test``/``sub-c-test``, uuid ``test-uuid``)."""
    config = PNConfiguration()
    config.publish_key = "pub-c-test"
    config.subscribe_key = "sub-c-test"
    config.uuid = "test-uuid"
    for name, value in settings.items():
        setattr(config, name, value)
    return config


class OfflineClient(PubNubCore):
    """A core client with a fixed clock; ``version``/``platform`` choose its ``pnsdk``."""

    def __init__(self, config: PNConfiguration, version: Optional[str] = None, platform: str = "",
                 now: int = NOW) -> None:
        if version is not None:
            self.SDK_VERSION = version
        self._platform = platform
        self._now = now
        super().__init__(config)

    def sdk_platform(self) -> str:
        return self._platform

    def timestamp(self) -> int:
        return self._now


def make_client(**settings: Any) -> OfflineClient:
    return OfflineClient(make_config(**settings))


def path_of(request: HttpRequest) -> str:
    return urlsplit(request.url).path


def raw_query(request: HttpRequest) -> str:
    """The query string exactly as it will be sent."""
    return urlsplit(request.url).query


def query_pairs(request: HttpRequest) -> List[Tuple[str, str]]:
    """The query as ``(name, raw value)`` pairs, in wire order."""
    query = raw_query(request)
    return [tuple(item.split("=", 1)) for item in query.split("&")] if query else []  # type: ignore[misc]


def query_of(request: HttpRequest) -> Dict[str, str]:
    """The query decoded the way a server decodes it (percent-decoding once, no ``+`` rule)."""
    return {name: unquote(value) for name, value in query_pairs(request)}


def sdk(client: PubNubCore) -> str:
    """The ``pnsdk`` value as it appears on the wire."""
    return url_encode(client.sdk_name)


def answer(endpoint: Any, body: Any, status_code: int = 200) -> Envelope:
    """Build the endpoint's request and map a made-up HTTP answer through the outcome mapping."""
    request = endpoint.build_request()
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    return _outcome.from_response(endpoint, request, HttpResponse(status_code, {}, raw, request.url))


def invalid(endpoint: Any) -> PubNubException:
    """The validation error the endpoint raises while building its request."""
    with pytest.raises(PubNubException) as caught:
        endpoint.build_request()
    return caught.value
