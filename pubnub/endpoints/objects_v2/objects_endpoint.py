"""Objects v2 family base: the shared endpoint and the builder mixins of the sixteen calls.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.

Every mixin derives from ``ObjectsEndpoint`` and adds its builder state in a cooperative
``__init__``, so a concrete call is only a list of mixins plus its path, operation, name and
result class. The mixins contribute through three hooks of the base:

* ``validate_specific_params()`` - the uuid or channel check after the subscribe-key check;
* ``_path_args()`` - the values filled into the class's ``PATH`` template;
* ``_list_params()`` / ``_inclusions()`` - the list query (``filter``, ``limit``, ``count``,
  ``sort``, ``start``/``end``) and the ``include`` items (``custom`` first).

Wire decisions (MORE.md section 6 and 10): ``count`` keeps 4.8.1's text ``True``, which the
service accepts; uuid/channel path segments are percent-encoded (4.8.1 inserted them raw, so a
``/`` or ``?`` in an id changed the request; for other ids the service decodes the same value);
``filter`` is signed over its decoded value (4.8.1 signed it encoded twice); ``.page()`` works
(4.8.1 raised ``TypeError``).
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, TypeVar, Union

from pubnub import utils
from pubnub.endpoints._setter_input import require
from pubnub.endpoints.endpoint import ClientT, Endpoint, QueryValue, ResultT
from pubnub.enums import HttpMethod
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_UUID_MISSING
from pubnub.models.consumer.objects_v2.page import Next, PNPage, Previous
from pubnub.models.consumer.objects_v2.sort import PNSortKey

# Builders return the concrete endpoint, so chains keep their type (one type variable per mixin).
_Uuid = TypeVar("_Uuid", bound="UuidEndpoint")
_Channel = TypeVar("_Channel", bound="ChannelEndpoint")
_Custom = TypeVar("_Custom", bound="CustomAwareEndpoint")
_IncCustom = TypeVar("_IncCustom", bound="IncludeCustomEndpoint")
_IncUuid = TypeVar("_IncUuid", bound="UUIDIncludeEndpoint")
_IncChannel = TypeVar("_IncChannel", bound="ChannelIncludeEndpoint")
_List = TypeVar("_List", bound="ListEndpoint")
_Changes = TypeVar("_Changes", bound="ChangeSetEndpoint")


class ObjectsEndpoint(Endpoint[ResultT, ClientT]):
    """Base of every Objects v2 call: authenticated, path from ``PATH``, result from ``RESULT``."""

    AUTH_REQUIRED = True
    # 4.8.1 kept the filter percent-encoded in its parameter dictionary.
    PREENCODED_PARAMS = ("filter",)
    PATH: str = ""  # the concrete class's path template (also under its 4.8.1 constant name)
    RESULT: Any = None  # the result model class, built from the whole response body

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_specific_params()

    def validate_specific_params(self) -> None:
        """Checks that follow the subscribe-key check (extended by the uuid/channel mixins)."""

    def _path_args(self) -> Tuple[Any, ...]:
        return (self.pubnub.config.subscribe_key,)

    def build_path(self) -> str:
        return self.PATH % self._path_args()

    def _list_params(self) -> Dict[str, QueryValue]:
        return {}

    def _inclusions(self) -> List[str]:
        return []

    def custom_params(self) -> Dict[str, QueryValue]:
        params = self._list_params()
        inclusions = self._inclusions()
        if inclusions:
            params["include"] = inclusions  # a list: sent comma-joined with literal commas
        return params

    def create_response(self, envelope: Any) -> Any:
        return self.RESULT(envelope)


class UuidEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """``uuid(x)``: the uuid in the path; the configured uuid when never called."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._uuid: Optional[str] = None

    def uuid(self: _Uuid, uuid: object) -> _Uuid:
        """The uuid whose metadata or memberships the call works on (stored as ``str``)."""
        self._uuid = self._as_text(uuid, "uuid")
        return self

    def _effective_uuid(self) -> Any:
        return self._uuid if self._uuid is not None else self.pubnub.config.uuid

    def validate_specific_params(self) -> None:
        super().validate_specific_params()
        require(self._effective_uuid(), PNERR_UUID_MISSING)

    def _path_args(self) -> Tuple[Any, ...]:
        return (*super()._path_args(), utils.url_encode(self._effective_uuid()))


class ChannelEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """``channel(x)``: the channel in the path; required."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Optional[str] = None

    def channel(self: _Channel, channel: object) -> _Channel:
        """The channel whose metadata or members the call works on (stored as ``str``)."""
        self._channel = self._as_text(channel, "channel")
        return self

    def validate_specific_params(self) -> None:
        super().validate_specific_params()
        require(self._channel, PNERR_CHANNEL_MISSING)

    def _path_args(self) -> Tuple[Any, ...]:
        return (*super()._path_args(), utils.url_encode(self._channel))


class CustomAwareEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """``custom(dict)``: the ``custom`` object of a set-metadata body (replaced as a whole)."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._custom: Optional[Dict[str, Any]] = None

    def custom(self: _Custom, custom: Optional[Mapping[str, Any]]) -> _Custom:
        """Custom key/value data; copied, so later changes to the caller's dict are not sent."""
        if custom is None or isinstance(custom, dict):
            self._custom = dict(custom) if custom is not None else None
        else:
            self._refuse("custom", custom, "a dict")
        return self


class IncludeCustomEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """``include_custom(bool)``: ask for the ``custom`` fields in the answer."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._include_custom = False

    def include_custom(self: _IncCustom, include_custom: object) -> _IncCustom:
        """Whether the answer carries ``custom`` (sent as ``include=custom``)."""
        self._include_custom = bool(include_custom)
        return self

    def _inclusions(self) -> List[str]:
        # "custom" always leads the include list, whatever the mixin order.
        return (["custom"] if self._include_custom else []) + super()._inclusions()


class UUIDIncludeEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """``include_uuid(level)``: embed each member's uuid object (``UUID``) or with custom."""

    UUID = 1
    UUID_WITH_CUSTOM = 2
    _LEVELS = {UUID: "uuid", UUID_WITH_CUSTOM: "uuid.custom"}

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._uuid_details_level: Optional[int] = None

    def include_uuid(self: _IncUuid, uuid_details_level: Optional[int]) -> _IncUuid:
        """``UUIDIncludeEndpoint.UUID`` or ``UUID_WITH_CUSTOM``; other values include nothing."""
        self._uuid_details_level = uuid_details_level
        return self

    def _inclusions(self) -> List[str]:
        level = self._LEVELS.get(self._uuid_details_level) if isinstance(self._uuid_details_level, int) else None
        return super()._inclusions() + ([level] if level else [])


class ChannelIncludeEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """``include_channel(level)``: embed each membership's channel object, or with custom."""

    CHANNEL = 1
    CHANNEL_WITH_CUSTOM = 2
    _LEVELS = {CHANNEL: "channel", CHANNEL_WITH_CUSTOM: "channel.custom"}

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel_details_level: Optional[int] = None

    def include_channel(self: _IncChannel, channel_details_level: Optional[int]) -> _IncChannel:
        """``ChannelIncludeEndpoint.CHANNEL`` or ``CHANNEL_WITH_CUSTOM``; other values include nothing."""
        self._channel_details_level = channel_details_level
        return self

    def _inclusions(self) -> List[str]:
        level = self._LEVELS.get(self._channel_details_level) if isinstance(self._channel_details_level, int) \
            else None
        return super()._inclusions() + ([level] if level else [])


class ListEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """List options: ``limit``, ``filter``, ``include_total_count``, ``sort`` and ``page``."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._limit: Optional[int] = None
        self._filter: Optional[str] = None
        self._include_total_count: Optional[bool] = None
        self._sort_keys: Tuple[PNSortKey, ...] = ()
        self._page: Optional[PNPage] = None

    def limit(self: _List, limit: Union[int, float, str, None]) -> _List:
        """Items per page (the service's default and maximum is 100); 0 sends nothing."""
        self._limit = self._as_int(limit, "limit") if limit is not None else None
        return self

    def filter(self: _List, filter: object) -> _List:  # the 4.8.1 keyword name
        """A filter expression such as ``name == "x"`` (sent percent-encoded)."""
        self._filter = self._as_text(filter, "filter")
        return self

    def include_total_count(self: _List, include_total_count: object) -> _List:
        """Ask for ``totalCount`` in the answer."""
        self._include_total_count = bool(include_total_count)
        return self

    def sort(self: _List, *sort_keys: PNSortKey) -> _List:
        """Sort criteria, most significant first; replaces earlier ones."""
        if all(isinstance(key, PNSortKey) for key in sort_keys):
            self._sort_keys = sort_keys
        else:
            self._refuse("sort", sort_keys, "PNSortKey values")
        return self

    def page(self: _List, page: Optional[PNPage]) -> _List:
        """Continue from a result's ``next`` (sent as ``start``) or ``prev`` (sent as ``end``).

        Anything else makes the call fail with ``PNERR_PAM_INVALID_ARGUMENTS``.
        """
        if page is not None and not isinstance(page, (Next, Previous)):
            self._refuse("page", page, "a Next or Previous cursor")
        else:
            self._page = page
        return self

    def _list_params(self) -> Dict[str, QueryValue]:
        params = super()._list_params()
        if self._filter:
            params["filter"] = self._filter
        if self._limit:
            params["limit"] = self._limit
        if self._include_total_count:
            params["count"] = True  # rendered as the text "True", as 4.8.1 sent it
        if self._sort_keys:
            params["sort"] = ["%s:%s" % (key.key_str(), key.dir_str()) for key in self._sort_keys]
        if isinstance(self._page, Next):
            params["start"] = self._page.hash
        elif isinstance(self._page, Previous):
            params["end"] = self._page.hash
        return params


class ChangeSetEndpoint(ObjectsEndpoint[ResultT, ClientT]):
    """A PATCH whose body lists items to ``set`` and to ``delete`` (memberships and members)."""

    HTTP_METHOD = HttpMethod.PATCH

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._set_items: List[Any] = []
        self._delete_items: List[Any] = []

    def _change_items(self, items: Any, setter: str) -> List[Any]:
        """The items of a change set (objects with ``to_payload_dict()``, e.g. ``PNUUID``,
        ``PNChannelMembership``); anything else is refused (and nothing is changed)."""
        if not isinstance(items, (str, bytes, dict)) and hasattr(items, "__iter__"):
            listed = list(items)
            if all(hasattr(item, "to_payload_dict") for item in listed):
                return listed
        self._refuse(setter, items, "a list of PNUUID or PNChannelMembership objects")
        return []

    def _replace_set(self: _Changes, items: Iterable[Any], setter: str = "set") -> _Changes:
        self._set_items = self._change_items(items, setter)
        return self

    def _replace_delete(self: _Changes, items: Iterable[Any], setter: str = "remove") -> _Changes:
        self._delete_items = self._change_items(items, setter)
        return self

    def build_data(self) -> str:
        return utils.write_value_as_string({
            "set": [item.to_payload_dict() for item in self._set_items],
            "delete": [item.to_payload_dict() for item in self._delete_items],
        })


class ChannelMembersEndpoint(ChannelEndpoint[ResultT, ClientT],
                             ListEndpoint[ResultT, ClientT],
                             IncludeCustomEndpoint[ResultT, ClientT],
                             UUIDIncludeEndpoint[ResultT, ClientT]):
    """Base of the four channel-members calls (the uuids in a channel), all on one path."""

    PATH = "/v2/objects/%s/channels/%s/uuids"


class MembershipsEndpoint(UuidEndpoint[ResultT, ClientT],
                          ListEndpoint[ResultT, ClientT],
                          IncludeCustomEndpoint[ResultT, ClientT],
                          ChannelIncludeEndpoint[ResultT, ClientT]):
    """Base of the four memberships calls (the channels of a uuid), all on one path."""

    PATH = "/v2/objects/%s/uuids/%s/channels"
