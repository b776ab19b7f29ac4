"""``Group``: a channel-group resource of a v3 token grant.

Layer: models (plain data).
"""
from __future__ import annotations

from pubnub.models.consumer.v3.pn_resource import PNResource


class Group(PNResource):
    """``Group.id(name)`` or ``Group.pattern(regex)``, then ``read()``, ``manage()``."""

    def read(self) -> Group:
        return self._allow("_read")

    def manage(self) -> Group:
        return self._allow("_manage")
