"""The subscribe response as 4.8.1 modelled it (``pubnub.models.server.subscribe``).

Layer: core (pure data). ``SubscribeEnvelope.from_json(body)`` reads a parsed v2 subscribe
response (``{"t": {"t", "r"}, "m": [...]}``); each message keeps the wire fields under 4.8.1's
attribute names. The client's own subscription machinery reads the response itself; these
classes are for code that parses recorded or raw subscribe responses.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Optional

__all__ = ["PresenceEnvelope", "PublishMetadata", "SubscribeEnvelope", "SubscribeMessage", "SubscribeMetadata"]


class PublishMetadata:
    """A ``{"t": timetoken, "r": region}`` object (``p`` and ``o`` of a message)."""

    def __init__(self, publish_timetoken: Any = None, region: Any = None) -> None:
        self.publish_timetoken = publish_timetoken
        self.region = region

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> "PublishMetadata":
        return cls(json_input["t"], json_input["r"])


class SubscribeMetadata:
    """The response's cursor: ``timetoken`` (send as ``tt``) and ``region`` (send as ``tr``)."""

    def __init__(self, timetoken: Any, region: Any) -> None:
        self.timetoken = timetoken
        self.region = region

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> "SubscribeMetadata":
        return cls(json_input["t"], json_input["r"])


class SubscribeMessage:
    """One entry of ``m``. Required keys: ``c``, ``d``, ``f``, ``k``, ``p`` (KeyError otherwise)."""

    def __init__(self) -> None:
        self.shard: Optional[str] = None
        self.subscription_match: Optional[str] = None
        self.channel: Optional[str] = None
        self.payload: Any = None
        self.flags: Any = None
        self.issuing_client_id: Optional[str] = None
        self.subscribe_key: Optional[str] = None
        self.origination_timetoken: Any = None
        self.publish_metadata: Optional[PublishMetadata] = None
        self.only_channel_subscription = False
        self.type = 0
        self.user_metadata: Any = None  # ``u`` (4.8.1 did not read it)

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> "SubscribeMessage":
        message = cls()
        message.shard = json_input.get("a")
        message.subscription_match = json_input.get("b")
        message.channel = json_input["c"]
        message.payload = json_input["d"]
        message.flags = json_input["f"]
        message.issuing_client_id = json_input.get("i")
        message.subscribe_key = json_input["k"]
        message.origination_timetoken = json_input.get("o")
        message.publish_metadata = PublishMetadata.from_json(json_input["p"])
        message.type = json_input.get("e", 0) or 0
        message.user_metadata = json_input.get("u")
        return message


class SubscribeEnvelope:
    """A whole subscribe response: ``messages`` and ``metadata``."""

    def __init__(self, messages: Optional[List[SubscribeMessage]] = None,
                 metadata: Optional[SubscribeMetadata] = None) -> None:
        self.messages = messages
        self.metadata = metadata

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> "SubscribeEnvelope":
        messages = [SubscribeMessage.from_json(raw) for raw in json_input.get("m", [])]
        return cls(messages, SubscribeMetadata.from_json(json_input["t"]))


class PresenceEnvelope:
    """The payload of a presence event (a message on a ``-pnpres`` channel)."""

    def __init__(self, action: Any, uuid: Any, occupancy: Any, timestamp: Any, data: Any = None) -> None:
        self.action = action
        self.uuid = uuid
        self.occupancy = occupancy
        self.timestamp = timestamp
        self.data = data

    @staticmethod
    def extract_value(json: Mapping[str, Any], key: str) -> Any:
        return json.get(key)

    @classmethod
    def from_json_payload(cls, json: Mapping[str, Any]) -> "PresenceEnvelope":
        return cls(json.get("action"), json.get("uuid"), json.get("occupancy"), json.get("timestamp"),
                   json.get("data"))
