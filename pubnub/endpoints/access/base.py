"""What the Access Manager endpoints share: admin-key checks, a sorted query, target lists.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.

These are admin calls: they are signed with the secret key, never carry the client's own
``auth_key`` (their ``auth`` parameter names the keys being granted to), and send their query
pairs sorted by their ``key=value`` text, as 4.8.1 did.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, QueryValue, ResultT
from pubnub.endpoints.mixins import ChannelsAndGroupsEndpoint

_PamV2EndpointT = TypeVar("_PamV2EndpointT", bound="PamV2Endpoint")


def _pair_text(key: str, value: QueryValue) -> str:
    """The ``key=value`` text of one pair as it goes on the wire (the sort key)."""
    if isinstance(value, (list, tuple)):
        return "%s=%s" % (key, utils.join_items_and_encode(value))
    return "%s=%s" % (key, utils.url_encode(value))


class AccessManagerEndpoint(Endpoint[ResultT, ClientT]):
    """Base of every Access Manager call."""

    AUTH_REQUIRED = False

    def validate_admin_keys(self) -> None:
        """Subscribe key, then secret key (the publish key is checked where signing needs it)."""
        self.validate_subscribe_key()
        self.validate_secret_key()

    def _query(self, path: str, body: Optional[str],
               params: Optional[Dict[str, QueryValue]] = None) -> Dict[str, QueryValue]:
        query = super()._query(path, body, params)
        return dict(sorted(query.items(), key=lambda pair: _pair_text(*pair)))


class PamV2Endpoint(AccessManagerEndpoint[ResultT, ClientT], ChannelsAndGroupsEndpoint[ResultT, ClientT]):
    """Base of grant, revoke and audit: the appending ``auth_keys``/``channels``/``channel_groups``.

    A ``str`` argument is split on ",", a list or tuple is appended as is; calls accumulate.
    The lists go on the wire as encoded names joined by a literal ",".
    """

    # 4.8.1's parameter map held these lists already encoded (the build_params_callback view).
    PREENCODED_PARAMS = ("auth", "channel", "channel-group")

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._auth_keys: List[Any] = []

    def auth_keys(self: _PamV2EndpointT, auth_keys: Names) -> _PamV2EndpointT:
        self._add_items(self._auth_keys, auth_keys, "auth_keys")
        return self

    def target_params(self) -> Dict[str, QueryValue]:
        """``auth``, ``channel`` and ``channel-group``, each only when its list is non-empty."""
        params: Dict[str, QueryValue] = {}
        for key, items in (("auth", self._auth_keys), ("channel", self._channels),
                           ("channel-group", self._groups)):
            if items:
                params[key] = list(items)
        return params

    def affected_channels(self) -> Any:
        return self._channels

    def affected_channels_groups(self) -> Any:
        return self._groups
