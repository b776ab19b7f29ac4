"""``Space``: a space resource of a v3 token grant.

Layer: models (plain data).
"""
from __future__ import annotations

from pubnub.models.consumer.v3.pn_resource import _ObjectResource


class Space(_ObjectResource):
    """``Space.id(name)`` or ``Space.pattern(regex)``, then ``read()``, ``write()``, ``create()``,
    ``manage()``, ``delete()``."""
