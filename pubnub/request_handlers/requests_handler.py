"""RequestsRequestHandler: sends the plain client's requests with ``requests`` (4.8.1 name).

Layer: client (plain). The plain client sends through the same ``requests`` transport by
default; this handler exists for 4.x code that sets it explicitly, or subclasses it (e.g. to
configure ``session``).
"""
from __future__ import annotations

import requests

from pubnub._context import ClientContext
from pubnub._transport.requests import RequestsTransport
from pubnub.request_handlers.base import TransportRequestHandler

__all__ = ["RequestsRequestHandler"]


class RequestsRequestHandler(TransportRequestHandler):
    """``pubnub.set_request_handler(RequestsRequestHandler(pubnub))``: one ``requests.Session``."""

    def __init__(self, pubnub: ClientContext) -> None:
        super().__init__(pubnub, RequestsTransport())

    @property
    def session(self) -> requests.Session:
        """The ``requests.Session`` every request of this handler goes through."""
        return self.transport.session
