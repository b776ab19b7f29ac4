"""PNStatus: the outcome of a call, as every client reports it."""
from __future__ import annotations

from typing import Any

from pubnub._masking import mask, mask_text


class PNStatus:
    """Outcome of one operation.

    ``affected_channels_groups`` (shown by the documentation) holds the same value as
    ``affected_groups`` (4.8.1's name); the SDK always sets both.
    """

    def __init__(self) -> None:
        self.category: Any = None
        self.error_data: Any = None
        self.error: Any = None
        self.status_code: Any = None
        self.operation: Any = None
        self.tls_enabled: Any = None
        self.uuid: Any = None
        self.auth_key: Any = None
        self.origin: Any = None
        self.client_request: Any = None
        self.client_response: Any = None
        self.original_response: Any = None
        self.affected_channels: Any = None
        self.affected_groups: Any = None
        self.affected_channels_groups: Any = None

    def is_error(self) -> bool:
        """True when the operation failed (a reconnected status, ``error=False``, is no error)."""
        return bool(self.error)

    def __repr__(self) -> str:
        """The fields, for logs: the auth key, and any token or signature quoted, are masked."""
        fields = {k: v for k, v in vars(self).items() if k not in ("client_request",)}
        if fields.get("auth_key") is not None:
            fields["auth_key"] = mask(fields["auth_key"])
        return mask_text("PNStatus(%r)" % (fields,))
