"""Grant (Access Manager v2): set read/write/manage/... permissions for auth keys.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, TypeVar, Union

from pubnub.endpoints.access.base import PamV2Endpoint
from pubnub.endpoints.endpoint import ClientT, Names, QueryValue
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS, PNERR_PAM_NO_FLAGS
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.access_manager import PNAccessManagerGrantResult

_GrantT = TypeVar("_GrantT", bound="Grant")

# Query key of each permission flag, in 4.8.1's insertion order (irrelevant once sorted).
_FLAG_KEYS = (("_read", "r"), ("_write", "w"), ("_manage", "m"), ("_delete", "d"), ("_get", "g"),
              ("_update", "u"), ("_join", "j"))


class Grant(PamV2Endpoint[PNAccessManagerGrantResult, ClientT]):
    """``pubnub.grant().channels(..).channel_groups(..).auth_keys(..).uuids(..).read(True)...ttl(m)``.

    A flag is sent only once its setter was called (``1`` for ``True``, else ``0``). As in 4.8.1,
    ``delete`` alone does not count as a flag, and mixing channels, groups and uuids is refused
    only when all three are given.
    """

    OPERATION = PNOperationType.PNAccessManagerGrant
    NAME = "Grant"
    GRANT_PATH = "/v2/auth/grant/sub-key/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._uuids: List[Any] = []
        self._read: Any = None
        self._write: Any = None
        self._manage: Any = None
        self._delete: Any = None
        self._get: Any = None
        self._update: Any = None
        self._join: Any = None
        self._ttl: Optional[int] = None

    def uuids(self: _GrantT, uuids: Names) -> _GrantT:
        """Target uuids (Objects permissions), appending like ``channels``; sent as ``target-uuid``."""
        self._add_items(self._uuids, uuids, "uuids")
        return self

    def read(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._read = flag
        return self

    def write(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._write = flag
        return self

    def manage(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._manage = flag
        return self

    def delete(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._delete = flag
        return self

    def get(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._get = flag
        return self

    def update(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._update = flag
        return self

    def join(self: _GrantT, flag: Optional[bool]) -> _GrantT:
        self._join = flag
        return self

    def ttl(self: _GrantT, ttl: Union[int, float, str, None]) -> _GrantT:
        """Minutes the permissions last (the service's default applies when never called, or
        with None, as in 4.8.1)."""
        self._ttl = None if ttl is None else self._as_int(ttl, "ttl")
        return self

    def validate_params(self) -> None:
        self.validate_admin_keys()
        self.validate_publish_key()
        if self._channels and self._groups and self._uuids:
            raise PubNubException(
                pn_error=PNERR_PAM_INVALID_ARGUMENTS,
                errormsg="Grants for channels or channelGroups can't be changed together with grants for UUIDs")
        if self._uuids and not self._auth_keys:
            raise PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS,
                                  errormsg="UUIDs grant management require providing non empty authKeys")
        flags = (self._read, self._write, self._manage, self._get, self._update, self._join)
        if all(flag is None for flag in flags):
            raise PubNubException(pn_error=PNERR_PAM_NO_FLAGS)

    def build_path(self) -> str:
        return self.GRANT_PATH % (self.pubnub.config.subscribe_key,)

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        for attribute, key in _FLAG_KEYS:
            flag = getattr(self, attribute)
            if flag is not None:
                params[key] = "1" if flag is True else "0"
        params.update(self.target_params())
        if self._uuids:
            params["target-uuid"] = list(self._uuids)
        if self._ttl is not None:
            params["ttl"] = str(int(self._ttl))
        return params

    def create_response(self, envelope: Any) -> PNAccessManagerGrantResult:
        return PNAccessManagerGrantResult.from_json(envelope["payload"])
