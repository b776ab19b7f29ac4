"""4.x functional-test usage of the result models they import (shared/compat/IMPORTS.md): built
directly with positional arguments and turned into text (texts: MORE.md §1-§5, §9.4, CORE §4).
"""
from __future__ import annotations

from typing import Any, Callable

import pytest

from pubnub.crypto import PubNubCryptodome
from pubnub.models.consumer.access_manager import PNAccessManagerAuditResult, PNAccessManagerGrantResult
from pubnub.models.consumer.channel_group import (
    PNChannelGroupsAddChannelResult,
    PNChannelGroupsListResult,
    PNChannelGroupsRemoveChannelResult,
    PNChannelGroupsRemoveGroupResult,
)
from pubnub.models.consumer.history import PNHistoryItemResult, PNHistoryResult
from pubnub.models.consumer.presence import (
    PNGetStateResult,
    PNHereNowChannelData,
    PNHereNowOccupantsData,
    PNHereNowResult,
    PNSetStateResult,
    PNWhereNowResult,
)
from pubnub.models.consumer.pubsub import PNPublishResult
from pubnub.models.consumer.push import (
    PNPushAddChannelResult,
    PNPushListProvisionsResult,
    PNPushRemoveAllChannelsResult,
    PNPushRemoveChannelResult,
)
from pubnub.pnconfiguration import PNConfiguration

crypto = PubNubCryptodome(PNConfiguration())


@pytest.mark.parametrize("build, text", [
    (lambda: PNPublishResult(None, 123123), "Publish success with timetoken 123123"),
    (lambda: PNChannelGroupsAddChannelResult(), "Channel successfully added"),
    (lambda: PNChannelGroupsRemoveChannelResult(), "Channel successfully removed"),
    (lambda: PNChannelGroupsRemoveGroupResult(), "Group successfully removed"),
    (lambda: PNChannelGroupsListResult(["qwer", "asdf"]), "Group contains following channels: qwer, asdf"),
    (lambda: PNHistoryResult(None, 123, 789), "History result for range 123..789"),
    (lambda: PNHistoryItemResult({"blah": 2}, crypto, 123), "History item with tt: 123 and content: {'blah': 2}"),
    (lambda: PNHistoryItemResult({"blah": 2}, crypto), "History item with tt: None and content: {'blah': 2}"),
    (lambda: PNHereNowResult(7, 4, None), "HereNow Result total occupancy: 4, total channels: 7"),
    (lambda: PNHereNowChannelData("blah", 5, 9), "HereNow Channel Data for channel 'blah': occupancy: 5, occupants: 9"),
    (lambda: PNHereNowChannelData("blah", 2, [PNHereNowOccupantsData("a", None), PNHereNowOccupantsData("b", None)]),
     "HereNow Channel Data for channel 'blah': occupancy: 2, occupants: 2"),
    (lambda: PNHereNowOccupantsData("myuuid", {"blah": 3}), "HereNow Occupants Data for 'myuuid': {'blah': 3}"),
    (lambda: PNWhereNowResult(["qwer", "asdf"]), "User is currently subscribed to qwer, asdf"),
    (lambda: PNSetStateResult({}), "New state {} successfully set"),
    (lambda: PNGetStateResult({}), "Current state is {}"),
    (lambda: PNPushAddChannelResult(), "Channel successfully added"),
    (lambda: PNPushRemoveChannelResult(), "Channel successfully removed"),
    (lambda: PNPushRemoveAllChannelsResult(), "All channels successfully removed"),
    (lambda: PNPushListProvisionsResult(["qwer", "asdf"]),
     "Push notification enabled on following channels: qwer, asdf"),
    (lambda: PNAccessManagerGrantResult(None, None, None, None, None, 3600, True, False, True, False),
     "New permissions are set for 3600 minutes: read True, write False, manage: True, delete: False"),
    (lambda: PNAccessManagerAuditResult(None, None, None, None, None, 3600, True, False, True, False),
     "Current permissions are valid for 3600 minutes: read True, write False, manage: True, delete: False"),
])
def test_result_text(build: Callable[[], Any], text: str) -> None:
    assert str(build()) == text
