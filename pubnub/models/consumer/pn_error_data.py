"""Error details attached to a failed PNStatus."""
from __future__ import annotations

from typing import Any

from pubnub._masking import mask_text


class PNErrorData:
    def __init__(self, information: str, exception: Any) -> None:
        self.information = information
        self.exception = exception

    def __repr__(self) -> str:
        return mask_text("PNErrorData(%r)" % (self.information,))
