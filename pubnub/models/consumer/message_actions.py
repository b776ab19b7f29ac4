"""Message Actions: the action model and the results of add / get / remove."""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional

_WIRE_NAMES = (("type", "type"), ("value", "value"), ("message_timetoken", "messageTimetoken"),
               ("uuid", "uuid"), ("action_timetoken", "actionTimetoken"))


class PNMessageAction:
    """An action (reaction, receipt ...) on a published message.

    Build one to add it (``type``, ``value``, ``message_timetoken``); received ones also carry
    ``uuid`` and ``action_timetoken``. Besides the attributes, a received action can be read
    like the service's JSON object (``action["actionTimetoken"]``), the form the documentation
    shows, and compares equal to that dict (or its snake_case form).
    """

    def __init__(self, message_action: Optional[Dict[str, Any]] = None) -> None:
        data = message_action or {}
        self.type = data.get("type")
        self.value = data.get("value")
        self.message_timetoken = data.get("messageTimetoken")
        self.uuid = data.get("uuid")
        self.action_timetoken = data.get("actionTimetoken")

    def to_dict(self) -> Dict[str, Any]:
        """The service's JSON form (camelCase keys)."""
        return {wire: getattr(self, attr) for attr, wire in _WIRE_NAMES}

    def __getitem__(self, key: str) -> Any:
        for attr, wire in _WIRE_NAMES:
            if key in (attr, wire):
                return getattr(self, attr)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self) -> Iterator[str]:
        return iter(wire for _, wire in _WIRE_NAMES)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, dict):
            return other == self.to_dict() or other == {attr: getattr(self, attr) for attr, _ in _WIRE_NAMES}
        return NotImplemented

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def __str__(self) -> str:
        return ("Message action with type: %s, value: %s, message timetoken: %s, uuid: %s, action timetoken: %s"
                % (self.type, self.value, self.message_timetoken, self.uuid, self.action_timetoken))


class PNAddMessageActionResult(PNMessageAction):
    """The action the service stored: ``type``, ``value``, ``message_timetoken``, ``uuid``,
    ``action_timetoken`` (timetokens as the strings received)."""

    # Always set on an action the service returns (None only on one being built to add).
    type: str
    value: str
    message_timetoken: str
    uuid: str
    action_timetoken: str


class PNGetMessageActionsResult:
    """``actions``: the actions found, ascending by action timetoken.

    ``more`` is the service's paging object (``url``, ``start``, ``end``, ``limit``) when it has
    more actions in the requested range, or None when this is everything.
    """

    def __init__(self, result: Dict[str, Any]) -> None:
        self._result = result
        self.actions: List[PNMessageAction] = [PNMessageAction(action) for action in result.get("data") or []]

    @property
    def more(self) -> Optional[Dict[str, Any]]:
        more = self._result.get("more")
        return more if more else None

    def __str__(self) -> str:
        return "Get message actions success with %d actions" % len(self.actions)


class PNRemoveMessageActionResult(dict):  # type: ignore[type-arg]
    """The (empty) result of a removal: ``{}``, as the documentation shows."""
