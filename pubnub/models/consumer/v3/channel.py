"""``Channel``: a channel resource of a v3 token grant.

Layer: models (plain data).
"""
from __future__ import annotations

from pubnub.models.consumer.v3.pn_resource import PNResource


class Channel(PNResource):
    """``Channel.id(name)`` or ``Channel.pattern(regex)``, then ``read()``, ``write()``, ``delete()``."""

    def read(self) -> Channel:
        return self._allow("_read")

    def write(self) -> Channel:
        return self._allow("_write")

    def delete(self) -> Channel:
        return self._allow("_delete")
