"""The ``subscribe()`` / ``unsubscribe()`` builders of the 4.x API.

Layer: core. A builder only collects what the call names; ``execute()`` hands it to the
client's subscription manager, which changes the subscription and (re)starts the long-poll.
"""
from __future__ import annotations

from typing import Any, List, TypeVar

from pubnub import utils
from pubnub._subscription_state import SubscribeOperation, UnsubscribeOperation
from pubnub.endpoints.endpoint import Names, Timetoken
from pubnub.exceptions import PubNubException

_B = TypeVar("_B", bound="PubSubBuilder")
_S = TypeVar("_S", bound="SubscribeBuilder")


def _require_manager(manager: Any) -> Any:
    if manager is None:
        raise PubNubException(pn_error="Subscription manager is not enabled for this instance",
                              errormsg="set config.enable_subscribe = True")
    return manager


class PubSubBuilder:
    """``channels(...)`` and ``channel_groups(...)`` (appending; a str is split on ",")."""

    def __init__(self, subscription_manager: Any) -> None:
        self._subscription_manager = subscription_manager
        self._channel_subscriptions: List[str] = []
        self._channel_group_subscriptions: List[str] = []

    def channels(self: _B, channels_list: Names) -> _B:
        utils.extend_list(self._channel_subscriptions, channels_list)
        return self

    def channel_groups(self: _B, channel_groups_list: Names) -> _B:
        utils.extend_list(self._channel_group_subscriptions, channel_groups_list)
        return self

    def execute(self) -> None:
        raise NotImplementedError


class SubscribeBuilder(PubSubBuilder):
    """``pubnub.subscribe().channels(..).channel_groups(..).with_presence().with_timetoken(tt).execute()``.

    Without ``with_timetoken`` the stream continues from the client's current cursor (the
    first subscription starts at "now"), so nothing published in between is skipped.
    """

    def __init__(self, subscription_manager: Any) -> None:
        super().__init__(subscription_manager)
        self._presence_enabled = False
        self._timetoken: Any = None

    def with_presence(self: _S) -> _S:
        """Also receive the presence events (join, leave, ...) of these channels and groups."""
        self._presence_enabled = True
        return self

    def with_timetoken(self: _S, timetoken: Timetoken) -> _S:
        """Receive what was published after ``timetoken`` (still within the service's buffer)."""
        self._timetoken = timetoken
        return self

    def channel_subscriptions(self) -> List[str]:
        return self._channel_subscriptions

    def channel_group_subscriptions(self) -> List[str]:
        return self._channel_group_subscriptions

    def execute(self) -> None:
        timetoken = int(self._timetoken) if self._timetoken is not None else None
        _require_manager(self._subscription_manager).adapt_subscribe_builder(SubscribeOperation(
            channels=list(self._channel_subscriptions), channel_groups=list(self._channel_group_subscriptions),
            presence_enabled=self._presence_enabled, timetoken=timetoken))


class UnsubscribeBuilder(PubSubBuilder):
    """``pubnub.unsubscribe().channels(..).channel_groups(..).execute()``: leave these items."""

    def execute(self) -> None:
        _require_manager(self._subscription_manager).adapt_unsubscribe_builder(UnsubscribeOperation(
            channels=list(self._channel_subscriptions), channel_groups=list(self._channel_group_subscriptions)))
