"""Results of the presence calls: here_now, where_now, get_state, set_state (4.8.1 models)."""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, NoReturn, Optional, Sequence, Union


class PNHereNowOccupantsData:
    """One occupant of a channel: ``uuid`` and its ``state`` (None without ``include_state``)."""

    def __init__(self, uuid: Any, state: Any) -> None:
        self.uuid = uuid
        self.state = state

    def __str__(self) -> str:
        return "HereNow Occupants Data for '%s': %s" % (self.uuid, self.state)


class PNHereNowChannelData:
    """Occupancy of one channel; ``occupants`` is None when uuids were not asked for."""

    def __init__(self, channel_name: Any, occupancy: Any, occupants: Optional[List[PNHereNowOccupantsData]]) -> None:
        self.channel_name = channel_name
        self.occupancy = occupancy
        self.occupants = occupants

    def __str__(self) -> str:
        # 4.8.1 formatted ``occupants`` with %d, so 4.x code (and suites) may hold a count there.
        occupants: Any = self.occupants
        count = occupants if isinstance(occupants, int) else len(occupants) if occupants is not None else 0
        return "HereNow Channel Data for channel '%s': occupancy: %d, occupants: %d" % (
            self.channel_name, self.occupancy, count)

    @classmethod
    def from_json(cls, name: Any, json_input: Mapping[str, Any]) -> PNHereNowChannelData:
        occupants: Optional[List[PNHereNowOccupantsData]] = None
        if "uuids" in json_input:
            occupants = [_occupant(item) for item in json_input["uuids"]]
        return cls(name, int(json_input["occupancy"]), occupants)


def _occupant(item: Any) -> PNHereNowOccupantsData:
    if isinstance(item, Mapping) and len(item) > 0:
        return PNHereNowOccupantsData(item.get("uuid"), item.get("state"))
    return PNHereNowOccupantsData(item, None)


class PNHereNowResult:
    """``here_now()`` result: totals and one ``PNHereNowChannelData`` per occupied channel.

    As in 4.8.1, a multi-channel or global answer with no occupied channel gives ``channels``
    as an empty dict.
    """

    # The dict is only ever the empty one: Dict[NoReturn, NoReturn] says so, and lets
    # ``for channel in result.channels`` be typed as PNHereNowChannelData.
    def __init__(self, total_channels: Any, total_occupancy: Any,
                 channels: Union[List[PNHereNowChannelData], Dict[NoReturn, NoReturn]]) -> None:
        self.total_channels = total_channels
        self.total_occupancy = total_occupancy
        self.channels = channels

    def __str__(self) -> str:
        return "HereNow Result total occupancy: %d, total channels: %d" % (self.total_occupancy, self.total_channels)

    @classmethod
    def from_json(cls, envelope: Mapping[str, Any], channel_names: Sequence[str]) -> PNHereNowResult:
        """Parse both answer shapes: ``payload.channels`` (several channels, groups, global) or flat."""
        first = channel_names[0] if channel_names else None
        payload = envelope.get("payload")
        if isinstance(payload, Mapping):
            raw_channels = payload.get("channels") or {}
            total_occupancy = int(payload.get("total_occupancy", 0))
            if raw_channels:
                return cls(int(payload.get("total_channels", len(raw_channels))), total_occupancy,
                           [PNHereNowChannelData.from_json(name, data) for name, data in raw_channels.items()])
            if len(channel_names) == 1:
                return cls(1, total_occupancy, [PNHereNowChannelData(first, 0, [])])
            return cls(int(payload.get("total_channels", 0)), total_occupancy, {})
        if "occupancy" in envelope and envelope["occupancy"] == 0:
            return cls(1, 0, [PNHereNowChannelData(first, 0, [])])
        occupancy = envelope.get("occupancy")
        uuids = envelope.get("uuids")
        occupants = [_occupant(item) for item in uuids] if isinstance(uuids, list) else []
        return cls(1, occupancy, [PNHereNowChannelData(first, occupancy, occupants)])


class PNWhereNowResult:
    """``where_now()`` result: the channels a uuid is present on."""

    def __init__(self, channels: Sequence[str]) -> None:
        assert isinstance(channels, (list, tuple))
        self.channels = channels

    def __str__(self) -> str:
        return "User is currently subscribed to %s" % ", ".join(self.channels)

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> PNWhereNowResult:
        return cls(json_input["payload"]["channels"])


class PNSetStateResult:
    """``set_state()`` result: the state the service stored."""

    def __init__(self, state: Any) -> None:
        assert isinstance(state, dict)
        self.state = state

    def __str__(self) -> str:
        return "New state %s successfully set" % self.state


class PNGetStateResult:
    """``get_state()`` result: ``channels`` maps each channel to the uuid's state there."""

    def __init__(self, channels: Any) -> None:
        self.channels = channels

    def __str__(self) -> str:
        return "Current state is %s" % self.channels
