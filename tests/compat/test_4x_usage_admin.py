"""4.x functional-test usage, continued: Access Manager, channel groups, push, telemetry.

Same mocked client as ``test_4x_usage.py`` (shared/compat/IMPORTS.md, tests/functional). The
Access Manager signatures are recomputed the way a 4.x test does it: ``HttpMethod.string()``,
``utils.prepare_pam_arguments`` and ``utils.sign_sha256`` (MORE.md §2.1).
"""
from __future__ import annotations

from typing import Any, Callable, Dict

import pytest

from pubnub import utils
from pubnub.endpoints.access.audit import Audit
from pubnub.endpoints.access.grant import Grant
from pubnub.endpoints.access.revoke import Revoke
from pubnub.endpoints.channel_groups.add_channel_to_channel_group import AddChannelToChannelGroup
from pubnub.endpoints.channel_groups.list_channels_in_channel_group import ListChannelsInChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_from_channel_group import RemoveChannelFromChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_group import RemoveChannelGroup
from pubnub.endpoints.pubsub.publish import Publish
from pubnub.endpoints.push.add_channels_to_push import AddChannelsToPush
from pubnub.endpoints.push.list_push_provisions import ListPushProvisions
from pubnub.endpoints.push.remove_channels_from_push import RemoveChannelsFromPush
from pubnub.endpoints.push.remove_device import RemoveDeviceFromPush
from pubnub.enums import HttpMethod, PNOperationType, PNPushEnvironment, PNPushType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_CHANNELS_MISSING,
    PNERR_GROUP_MISSING,
    PNERR_PAM_NO_FLAGS,
    PNERR_PUSH_DEVICE_MISSING,
    PNERR_PUSH_TOPIC_MISSING,
    PNERR_SECRET_KEY_MISSING,
    PNERROR_PUSH_TYPE_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.managers import TelemetryManager
from pubnub.pubnub import NativeTelemetryManager

from ._usage_support import (
    MOCK_UUID,
    PUB_KEY,
    SDK_NAME,
    SECRET_KEY,
    SUB_KEY,
    TIMESTAMP,
    assert_no_mock,
    mocked_client,
    pnconf_pam_copy,
)

S = SUB_KEY


def expected_signature(endpoint: Any, signed: Dict[str, Any]) -> str:
    """The v2 signature as a 4.x test computes it for a GET (empty body)."""
    sign_input = "%s\n%s\n%s\n%s\n" % (HttpMethod.string(endpoint.http_method()).upper(), PUB_KEY,
                                       endpoint.build_path(), utils.prepare_pam_arguments(signed))
    return "v2." + utils.sign_sha256(SECRET_KEY, sign_input).rstrip("=")


@pytest.mark.parametrize("build, path, params", [
    (lambda c: Grant(c).channels("ch").read(True).write(True).ttl(7), Grant.GRANT_PATH % S,
     {"r": "1", "w": "1", "ttl": "7", "channel": "ch"}),
    (lambda c: Grant(c).channel_groups(["gr1", "gr2"]).auth_keys("key").manage(True), Grant.GRANT_PATH % S,
     {"m": "1", "channel-group": "gr1,gr2", "auth": "key"}),
    (lambda c: Revoke(c).channels(["ch1", "ch2"]), Revoke.GRANT_PATH % S,
     {"r": "0", "w": "0", "m": "0", "g": "0", "u": "0", "j": "0", "channel": "ch1,ch2"}),
    (lambda c: Audit(c).channels(["ch1", "ch2"]), Audit.AUDIT_PATH % S, {"channel": "ch1,ch2"}),
    (lambda c: Audit(c).channel_groups("gr").auth_keys(["a1", "a2"]), Audit.AUDIT_PATH % S,
     {"channel-group": "gr", "auth": "a1,a2"}),
])
def test_access_manager_calls(build: Callable[[Any], Any], path: str, params: Dict[str, str]) -> None:
    client = mocked_client(pnconf_pam_copy())
    endpoint = build(client)
    endpoint.validate_params()
    view = endpoint.build_params_callback()({})
    assert_no_mock(endpoint.build_path(), view)
    assert endpoint.build_path() == path
    assert endpoint.http_method() == HttpMethod.GET
    signed = dict(params, timestamp=TIMESTAMP, pnsdk=SDK_NAME, uuid=MOCK_UUID)
    assert view == dict(params, timestamp=str(TIMESTAMP), pnsdk=SDK_NAME, uuid=MOCK_UUID,
                        signature=expected_signature(endpoint, signed))
    assert endpoint._channels == [name for name in view.get("channel", "").split(",") if name]
    assert endpoint._groups == [name for name in view.get("channel-group", "").split(",") if name]


def test_grant_reports_the_requested_lists_as_affected() -> None:
    grant = Grant(mocked_client(pnconf_pam_copy())).channels("ch1,ch2").channel_groups("gr").read(True)
    assert grant.affected_channels() == ["ch1", "ch2"]
    assert grant.affected_channels_groups() == ["gr"]


@pytest.mark.parametrize("build, error", [
    (lambda c: Grant(c).channels("ch"), PNERR_PAM_NO_FLAGS),
    (lambda c: Revoke(c).channels("ch").read(True), None),
])
def test_access_manager_refusals(build: Callable[[Any], Any], error: Any) -> None:
    client = mocked_client(pnconf_pam_copy())
    if error is None:  # revoke cannot grant
        with pytest.raises(NotImplementedError):
            build(client)
        return
    with pytest.raises(PubNubException) as raised:
        build(client).validate_params()
    assert raised.value._pn_error == error


def test_access_manager_needs_the_secret_key() -> None:
    client = mocked_client()  # no secret key
    with pytest.raises(PubNubException) as raised:
        Audit(client).channels("ch").validate_params()
    assert raised.value._pn_error == PNERR_SECRET_KEY_MISSING


@pytest.mark.parametrize("build, path, params", [
    (lambda c: AddChannelToChannelGroup(c).channels(["ch1", "ch2"]).channel_group("gr"),
     AddChannelToChannelGroup.ADD_PATH % (S, "gr"), {"add": "ch1,ch2"}),
    (lambda c: AddChannelToChannelGroup(c).channels("ch1,ch2").channel_group("g/1"),
     AddChannelToChannelGroup.ADD_PATH % (S, "g%2F1"), {"add": "ch1,ch2"}),
    (lambda c: RemoveChannelFromChannelGroup(c).channels("ch").channel_group("gr"),
     RemoveChannelFromChannelGroup.REMOVE_PATH % (S, "gr"), {"remove": "ch"}),
    (lambda c: ListChannelsInChannelGroup(c).channel_group("gr"), ListChannelsInChannelGroup.LIST_PATH % (S, "gr"), {}),
    (lambda c: RemoveChannelGroup(c).channel_group("gr"), RemoveChannelGroup.REMOVE_PATH % (S, "gr"), {}),
])
def test_channel_group_calls(build: Callable[[Any], Any], path: str, params: Dict[str, str]) -> None:
    endpoint = build(mocked_client())
    endpoint.validate_params()
    view = endpoint.build_params_callback()({})
    assert_no_mock(endpoint.build_path(), view)
    assert endpoint.build_path() == path
    assert view == dict(params, pnsdk=SDK_NAME, uuid=MOCK_UUID)
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.affected_channels() is None and endpoint.affected_channels_groups() is None


@pytest.mark.parametrize("build, error", [
    (lambda c: AddChannelToChannelGroup(c).channel_group("gr"), PNERR_CHANNELS_MISSING),
    (lambda c: RemoveChannelFromChannelGroup(c).channels("ch"), PNERR_GROUP_MISSING),
    (lambda c: ListChannelsInChannelGroup(c), PNERR_GROUP_MISSING),
])
def test_channel_group_validation(build: Callable[[Any], Any], error: str) -> None:
    with pytest.raises(PubNubException) as raised:
        build(mocked_client()).validate_params()
    assert raised.value._pn_error == error


@pytest.mark.parametrize("build, path, params", [
    (lambda c: AddChannelsToPush(c).channels(["ch1", "ch2"]).push_type(PNPushType.MPNS).device_id("coolDevice"),
     AddChannelsToPush.ADD_PATH % (S, "coolDevice"), {"add": "ch1,ch2", "type": "mpns"}),
    (lambda c: AddChannelsToPush(c).channels(["ch"]).push_type(PNPushType.APNS2).device_id("coolDevice")
     .environment(PNPushEnvironment.PRODUCTION).topic("testTopic"),
     AddChannelsToPush.ADD_PATH_APNS2 % (S, "coolDevice"),
     {"add": "ch", "environment": "production", "topic": "testTopic"}),
    (lambda c: RemoveChannelsFromPush(c).channels(["ch1"]).push_type(PNPushType.GCM).device_id("dev"),
     RemoveChannelsFromPush.REMOVE_PATH % (S, "dev"), {"remove": "ch1", "type": "gcm"}),
    (lambda c: RemoveChannelsFromPush(c).channels(["ch1"]).push_type(PNPushType.APNS2).device_id("dev").topic("t"),
     RemoveChannelsFromPush.REMOVE_PATH_APNS2 % (S, "dev"),
     {"remove": "ch1", "environment": "development", "topic": "t"}),
    (lambda c: ListPushProvisions(c).push_type(PNPushType.APNS).device_id("dev"),
     ListPushProvisions.LIST_PATH % (S, "dev"), {"type": "apns"}),
    (lambda c: ListPushProvisions(c).push_type(PNPushType.APNS2).device_id("dev").topic("t"),
     ListPushProvisions.LIST_PATH_APNS2 % (S, "dev"), {"environment": "development", "topic": "t"}),
    (lambda c: RemoveDeviceFromPush(c).push_type(PNPushType.MPNS).device_id("dev"),
     RemoveDeviceFromPush.REMOVE_PATH % (S, "dev"), {"type": "mpns"}),
    (lambda c: RemoveDeviceFromPush(c).push_type(PNPushType.APNS2).device_id("dev").topic("t")
     .environment(PNPushEnvironment.PRODUCTION),
     RemoveDeviceFromPush.REMOVE_PATH_APNS2 % (S, "dev"), {"environment": "production", "topic": "t"}),
])
def test_push_calls(build: Callable[[Any], Any], path: str, params: Dict[str, str]) -> None:
    endpoint = build(mocked_client())
    endpoint.validate_params()
    view = endpoint.build_params_callback()({})
    assert_no_mock(endpoint.build_path(), view)
    assert endpoint.build_path() == path
    assert view == dict(params, pnsdk=SDK_NAME, uuid=MOCK_UUID)
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.affected_channels() is None and endpoint.affected_channels_groups() is None
    for key in ("add", "remove"):
        if key in params:  # the calls that carry channels keep them in _channels
            assert endpoint._channels == params[key].split(",")


@pytest.mark.parametrize("build, error", [
    (lambda c: AddChannelsToPush(c).channels("ch").push_type(PNPushType.GCM).device_id("d"), PNERR_CHANNEL_MISSING),
    (lambda c: ListPushProvisions(c).push_type(PNPushType.GCM), PNERR_PUSH_DEVICE_MISSING),
    (lambda c: ListPushProvisions(c).device_id("d"), PNERROR_PUSH_TYPE_MISSING),
    (lambda c: RemoveDeviceFromPush(c).device_id("d").push_type(PNPushType.APNS2), PNERR_PUSH_TOPIC_MISSING),
])
def test_push_validation(build: Callable[[Any], Any], error: str) -> None:
    with pytest.raises(PubNubException) as raised:
        build(mocked_client()).validate_params()
    assert raised.value._pn_error == error


# ----- telemetry, as 4.x suites use it ---------------------------------------------------------

def test_stored_latency_appears_as_a_query_parameter() -> None:
    client = mocked_client()
    client._telemetry_manager.store_latency(0.25, PNOperationType.PNPublishOperation)
    client._telemetry_manager.store_latency(0.75, PNOperationType.PNPublishOperation)
    assert client._telemetry_manager.operation_latencies() == {"l_pub": 0.5}
    params = Publish(client).channel("ch").message(1).build_params_callback()({})
    assert params["l_pub"] == 0.5


def test_operation_latencies_average_per_family() -> None:
    manager = TelemetryManager()
    for latency, operation in ((1, PNOperationType.PNPublishOperation), (3, PNOperationType.PNFireOperation),
                               (4, PNOperationType.PNHistoryOperation), (6, PNOperationType.PNHistoryDeleteOperation),
                               (8, PNOperationType.PNRemoveGroupOperation)):
        manager.store_latency(latency, operation)
    assert manager.operation_latencies() == {"l_pub": 2, "l_hist": 5, "l_cg": 8}
    assert len(manager.latencies["pub"]) == 2


def test_zero_latencies_and_subscribe_are_not_stored() -> None:
    manager = TelemetryManager()
    manager.store_latency(0, PNOperationType.PNPublishOperation)
    manager.store_latency(2, PNOperationType.PNSubscribeOperation)
    assert manager.operation_latencies() == {}


@pytest.mark.parametrize("manager_class", [TelemetryManager, NativeTelemetryManager])
def test_old_samples_are_cleaned_up(manager_class: type) -> None:
    manager = manager_class()
    manager.MAXIMUM_LATENCY_DATA_AGE = 1
    for latency in range(1, 10):
        manager.store_latency(latency, PNOperationType.PNPublishOperation)
    manager.store_latency(5, PNOperationType.PNHistoryOperation)
    for sample in manager.latencies["pub"]:
        sample["timestamp"] -= 2  # aged past MAXIMUM_LATENCY_DATA_AGE
    manager.clean_up_telemetry_data()
    assert "pub" not in manager.latencies or len(manager.latencies["pub"]) == 0
    assert manager.operation_latencies() == {"l_hist": 5}


def test_default_maximum_age_is_a_minute() -> None:
    assert TelemetryManager.MAXIMUM_LATENCY_DATA_AGE == 60


def test_average_latency_from_data() -> None:
    samples = [{"timestamp": 100, "latency": 10}, {"timestamp": 100, "latency": 20},
               {"timestamp": 100, "latency": 60}]
    assert TelemetryManager().average_latency_from_data(samples) == 30
    assert TelemetryManager.average_latency_from_data(samples) == 30
