"""Urllib2RequestHandler: sends the plain client's requests with the standard library (4.8.1 name).

Layer: client (plain). 4.8.1's handler for platforms without ``requests`` used ``urllib2``; on
Python 3 it is ``urllib.request`` (``pubnub._transport.urllib.UrllibTransport``).
"""
from __future__ import annotations

from pubnub._context import ClientContext
from pubnub._transport.urllib import UrllibTransport
from pubnub.request_handlers.base import TransportRequestHandler

__all__ = ["Urllib2RequestHandler"]


class Urllib2RequestHandler(TransportRequestHandler):
    """``pubnub.set_request_handler(Urllib2RequestHandler(pubnub))``: every request via ``urllib``."""

    def __init__(self, pubnub: ClientContext) -> None:
        super().__init__(pubnub, UrllibTransport())
