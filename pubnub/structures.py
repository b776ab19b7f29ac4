"""Small value types shared by every client (4.8.1 ``pubnub.structures``)."""
from __future__ import annotations

from typing import Any, Optional


class Envelope:
    """What a call produced: ``result`` (a result model, or None) and ``status`` (a PNStatus)."""

    def __init__(self, result: Any, status: Any) -> None:
        self.result = result
        self.status = status

    def is_error(self) -> bool:
        return bool(self.status is not None and self.status.is_error())


class ResponseInfo:
    """Facts about the request a status describes, taken from its URL."""

    def __init__(self, status_code: Optional[int], tls_enabled: bool, origin: Optional[str],
                 uuid: Optional[str], auth_key: Optional[str], client_request: Any) -> None:
        self.status_code = status_code
        self.tls_enabled = tls_enabled
        self.origin = origin
        self.uuid = uuid
        self.auth_key = auth_key
        self.client_request = client_request
