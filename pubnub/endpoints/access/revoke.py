"""Revoke (Access Manager v2): a grant that sets the permissions to zero.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import NoReturn

from pubnub.endpoints.access.grant import Grant
from pubnub.endpoints.endpoint import ClientT
from pubnub.enums import PNOperationType


class Revoke(Grant[ClientT]):
    """``pubnub.revoke().channels(..).channel_groups(..).auth_keys(..)``: always sends
    ``r=0 w=0 m=0 g=0 u=0 j=0``. ``read``/``write``/``manage`` cannot be set; ``delete`` is
    sent only when called, with the value given (as in 4.8.1)."""

    OPERATION = PNOperationType.PNAccessManagerRevoke
    NAME = "Revoke"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._read = False
        self._write = False
        self._manage = False
        self._get = False
        self._update = False
        self._join = False

    def read(self, flag: object) -> NoReturn:
        raise NotImplementedError

    def write(self, flag: object) -> NoReturn:
        raise NotImplementedError

    def manage(self, flag: object) -> NoReturn:
        raise NotImplementedError
