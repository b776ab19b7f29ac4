"""Grant token (Access Manager v3): ask the service for a signed token covering named resources.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, TypeVar, Union

from pubnub import utils
from pubnub.endpoints.access.base import AccessManagerEndpoint
from pubnub.endpoints.endpoint import ClientT
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_INVALID_META, PNERR_PERMISSION_MISSING, PNERR_RESOURCES_MISSING, PNERR_TTL_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.v3.access_manager import PNGrantTokenResult
from pubnub.models.consumer.v3.pn_resource import PNResource

_GrantTokenT = TypeVar("_GrantTokenT", bound="GrantToken")


class GrantToken(AccessManagerEndpoint[PNGrantTokenResult, ClientT]):
    """``pubnub.grant_token().ttl(minutes).meta(dict).users([User...]).spaces([Space...])``.

    ``users``/``spaces`` (and the additions ``channels``/``groups``) replace their list. The body
    always lists all four resource types under ``resources`` (exact names) and ``patterns``
    (regular expressions); ``ttl`` is sent as a JSON string, as 4.8.1 did and the service accepts.
    The signature covers the body byte for byte.
    """

    OPERATION = PNOperationType.PNAccessManagerGrantToken
    NAME = "Grant Token"
    HTTP_METHOD = HttpMethod.POST
    GRANT_TOKEN_PATH = "/v3/pam/%s/grant"

    READ = 1
    WRITE = 2
    MANAGE = 4
    DELETE = 8
    CREATE = 16

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._ttl: Any = None
        self._meta: Any = None
        self._channels: List[PNResource] = []
        self._groups: List[PNResource] = []
        self._users: List[PNResource] = []
        self._spaces: List[PNResource] = []

    def ttl(self: _GrantTokenT, ttl: Union[int, float, str, None]) -> _GrantTokenT:
        """Token lifetime in minutes (required; None leaves it unset, as never calling it)."""
        self._ttl = None if ttl is None else self._as_int(ttl, "ttl")
        return self

    def meta(self: _GrantTokenT, meta: Optional[Dict[str, Any]]) -> _GrantTokenT:
        """A dict stored in the token (anything else is refused when the request is built)."""
        self._meta = meta
        return self

    def _resources(self, resources: Any, setter: str) -> List[PNResource]:
        """A copy of a list of resources; anything else is refused (and nothing is kept)."""
        if not isinstance(resources, (str, bytes, dict)) and hasattr(resources, "__iter__"):
            listed = list(resources)
            if all(isinstance(resource, PNResource) for resource in listed):
                return listed
        self._refuse(setter, resources, "a list of resources (User.id(...), Space.pattern(...) ...)")
        return []

    def users(self: _GrantTokenT, users: Iterable[PNResource]) -> _GrantTokenT:
        self._users = self._resources(users, "users")
        return self

    def spaces(self: _GrantTokenT, spaces: Iterable[PNResource]) -> _GrantTokenT:
        self._spaces = self._resources(spaces, "spaces")
        return self

    def channels(self: _GrantTokenT, channels: Iterable[PNResource]) -> _GrantTokenT:
        """Channel resources (``Channel.id``/``Channel.pattern``); an addition to 4.8.1."""
        self._channels = self._resources(channels, "channels")
        return self

    def groups(self: _GrantTokenT, groups: Iterable[PNResource]) -> _GrantTokenT:
        """Channel-group resources (``Group.id``/``Group.pattern``); an addition to 4.8.1."""
        self._groups = self._resources(groups, "groups")
        return self

    def validate_params(self) -> None:
        self.validate_admin_keys()
        if self._ttl is None:
            raise PubNubException(pn_error=PNERR_TTL_MISSING)
        if not (self._users or self._spaces or self._channels or self._groups):
            raise PubNubException(pn_error=PNERR_RESOURCES_MISSING)

    def build_path(self) -> str:
        return self.GRANT_TOKEN_PATH % (self.pubnub.config.subscribe_key,)

    def build_data(self) -> str:
        resources: Dict[str, Dict[str, int]] = {}
        patterns: Dict[str, Dict[str, int]] = {}
        for key, items in (("channels", self._channels), ("groups", self._groups), ("users", self._users),
                           ("spaces", self._spaces)):
            resources[key], patterns[key] = {}, {}
            for resource in items:
                target = patterns[key] if resource.is_pattern_resource() else resources[key]
                target[resource.get_id()] = self.permission_bitmask(resource)
        meta = {} if self._meta is None else self._meta
        if not isinstance(meta, dict):
            raise PubNubException(pn_error=PNERR_INVALID_META)
        body = {"ttl": str(int(self._ttl)),
                "permissions": {"resources": resources, "patterns": patterns, "meta": meta}}
        return utils.write_value_as_string(body)

    @classmethod
    def permission_bitmask(cls, resource: PNResource) -> int:
        """The sum of the resource's permission bits; a resource without any is refused."""
        value = sum(bit for allowed, bit in ((resource.is_read(), cls.READ), (resource.is_write(), cls.WRITE),
                                             (resource.is_manage(), cls.MANAGE), (resource.is_delete(), cls.DELETE),
                                             (resource.is_create(), cls.CREATE)) if allowed)
        if value == 0:
            raise PubNubException(pn_error=PNERR_PERMISSION_MISSING)
        return value

    def create_response(self, envelope: Any) -> PNGrantTokenResult:
        return PNGrantTokenResult.from_json(envelope["data"])
