"""Mobile push: v1/v2 paths, type/environment/topic parameters, validation order, answers, texts."""
from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from requests.utils import requote_uri

from pubnub.endpoints.push.add_channels_to_push import AddChannelsToPush
from pubnub.endpoints.push.list_push_provisions import ListPushProvisions
from pubnub.endpoints.push.remove_channels_from_push import RemoveChannelsFromPush
from pubnub.endpoints.push.remove_device import RemoveDeviceFromPush
from pubnub.enums import HttpMethod, PNOperationType, PNPushEnvironment, PNPushType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_PUSH_DEVICE_MISSING,
    PNERR_PUSH_TOPIC_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
    PNERROR_PUSH_TYPE_MISSING,
)
from pubnub.models.consumer.push import (
    PNPushAddChannelResult,
    PNPushListProvisionsResult,
    PNPushRemoveAllChannelsResult,
    PNPushRemoveChannelResult,
)
from pubnub.utils import url_encode

from ...support import answer, invalid, make_client, path_of, query_of, query_pairs, raw_query, sdk

V1 = "/v1/push/sub-key/sub-c-test/devices/"
V2 = "/v2/push/sub-key/sub-c-test/devices-apns2/"
CHANNEL_CALLS = (AddChannelsToPush, RemoveChannelsFromPush)
DEVICE_CALLS = (ListPushProvisions, RemoveDeviceFromPush)


def _complete(endpoint, push_type=PNPushType.GCM, device="dev1"):
    """Fill in what every push call needs (channels only where the call has them)."""
    if isinstance(endpoint, CHANNEL_CALLS):
        endpoint.channels(["ch1", "ch2"])
    endpoint.device_id(device).push_type(push_type)
    if push_type == PNPushType.APNS2:
        endpoint.topic("com.example.app")
    return endpoint


def test_path_constants_keep_the_4_8_1_names_and_formats():
    v1, v2 = "/v1/push/sub-key/%s/devices/%s", "/v2/push/sub-key/%s/devices-apns2/%s"
    assert (AddChannelsToPush.ADD_PATH, AddChannelsToPush.ADD_PATH_APNS2) == (v1, v2)
    assert (RemoveChannelsFromPush.REMOVE_PATH, RemoveChannelsFromPush.REMOVE_PATH_APNS2) == (v1, v2)
    assert (ListPushProvisions.LIST_PATH, ListPushProvisions.LIST_PATH_APNS2) == (v1, v2)
    assert (RemoveDeviceFromPush.REMOVE_PATH, RemoveDeviceFromPush.REMOVE_PATH_APNS2) == (
        v1 + "/remove", v2 + "/remove")


@pytest.mark.parametrize(("cls", "operation", "value", "name"), [
    (AddChannelsToPush, PNOperationType.PNAddPushNotificationsOnChannelsOperation, 14, "AddChannelsToPush"),
    (RemoveChannelsFromPush, PNOperationType.PNRemovePushNotificationsFromChannelsOperation, 15,
     "RemoveChannelsFromPush"),
    (ListPushProvisions, PNOperationType.PNPushNotificationEnabledChannelsOperation, 13, "ListPushProvisions"),
    (RemoveDeviceFromPush, PNOperationType.PNRemoveAllPushNotificationsOperation, 16, "RemoveDeviceFromPush"),
])
def test_declarations(client, cls, operation, value, name):
    endpoint = cls(client)
    assert endpoint.operation_type() == operation == value
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.name() == name
    assert endpoint.is_auth_required() is True


def test_add_mpns_example(client):
    endpoint = AddChannelsToPush(client).channels(["ch1", "ch2"]).push_type(PNPushType.MPNS).device_id("coolDevice")
    request = endpoint.build_request()
    assert request.method == "GET" and request.body is None
    assert path_of(request) == V1 + "coolDevice"
    assert raw_query(request) == "add=ch1,ch2&type=mpns&pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_add_apns2_example(client):
    endpoint = AddChannelsToPush(client).channels(["ch"]).push_type(PNPushType.APNS2).device_id("coolDevice") \
        .environment(PNPushEnvironment.PRODUCTION).topic("testTopic")
    request = endpoint.build_request()
    assert path_of(request) == V2 + "coolDevice"
    assert raw_query(request) == "add=ch&environment=production&topic=testTopic&pnsdk=%s&uuid=test-uuid" % sdk(
        client)


def test_list_gcm_example(client):
    request = ListPushProvisions(client).device_id("dev").push_type(PNPushType.GCM).build_request()
    assert path_of(request) == V1 + "dev"
    assert [name for name, _ in query_pairs(request)] == ["type", "pnsdk", "uuid"]
    assert query_of(request)["type"] == "gcm"


def test_remove_device_mpns_example(client):
    request = RemoveDeviceFromPush(client).device_id("dev").push_type(PNPushType.MPNS).build_request()
    assert path_of(request) == V1 + "dev/remove"
    assert raw_query(request).startswith("type=mpns&")


def test_remove_channels_query_key(client):
    request = RemoveChannelsFromPush(client).channels(["a", "b"]).device_id("d").push_type(PNPushType.APNS) \
        .build_request()
    assert path_of(request) == V1 + "d"
    assert raw_query(request).startswith("remove=a,b&type=apns&")


@pytest.mark.parametrize(("push_type", "text"), [(PNPushType.APNS, "apns"), (PNPushType.GCM, "gcm"),
                                                 (PNPushType.MPNS, "mpns")])
@pytest.mark.parametrize("cls", CHANNEL_CALLS + DEVICE_CALLS)
def test_v1_types(client, cls, push_type, text):
    endpoint = _complete(cls(client), push_type)
    assert endpoint.build_path().startswith(V1 + "dev1")
    query = query_of(endpoint.build_request())
    assert query["type"] == text
    assert "environment" not in query and "topic" not in query


@pytest.mark.parametrize("cls", CHANNEL_CALLS + DEVICE_CALLS)
def test_apns2_defaults_to_development(client, cls):
    endpoint = _complete(cls(client), PNPushType.APNS2)
    suffix = "/remove" if cls is RemoveDeviceFromPush else ""
    assert endpoint.build_path() == V2 + "dev1" + suffix
    query = query_of(endpoint.build_request())
    assert query["environment"] == "development" and query["topic"] == "com.example.app"
    assert "type" not in query


def test_apns2_topic_is_sent_as_given_and_decodes_back(client):
    request = ListPushProvisions(client).device_id("d").push_type(PNPushType.APNS2).topic("com.app/x y") \
        .build_request()
    assert "topic=com.app%2Fx%20y" in raw_query(request)
    assert query_of(request)["topic"] == "com.app/x y"


def test_unknown_type_sends_an_empty_type(client):
    # 4.8.1 quirk kept on the wire: the service answers 400 "Invalid type argument".
    request = ListPushProvisions(client).device_id("d").push_type(99).build_request()
    assert path_of(request) == V1 + "d"
    assert raw_query(request).startswith("type=&")


@pytest.mark.parametrize("device", ["a:b", "0f1e2d3c4b5a", "AbC-_09+=", "a b", "t\u00f6ken"])
def test_device_id_goes_in_the_path_as_requests_sent_4_8_1s_raw_id(client, device):
    # 4.8.1 put the id in raw (MORE section 10 item 7) and requests quoted what a URL cannot carry:
    # the same bytes go out, and a client that refuses such URLs (curl) can send them too.
    path = ListPushProvisions(client).device_id(device).push_type(PNPushType.GCM).build_path()
    assert path == requote_uri(V1 + device)


def test_device_id_cannot_change_the_request(client):
    path = ListPushProvisions(client).device_id("x/remove?y#z%").push_type(PNPushType.GCM).build_path()
    assert path == V1 + "x%2Fremove%3Fy%23z%25"


def test_channels_replace(client):
    endpoint = AddChannelsToPush(client).channels(["a"]).channels(["b", "c"])
    assert endpoint._channels == ["b", "c"]


def test_setters_chain(client):
    endpoint = AddChannelsToPush(client)
    for setter, value in ((endpoint.channels, ["a"]), (endpoint.device_id, "d"), (endpoint.push_type, 1),
                          (endpoint.topic, "t"), (endpoint.environment, "production")):
        assert setter(value) is endpoint


def test_auth_key_is_sent():
    client = make_client(auth_key="auth-1")
    query = query_of(_complete(RemoveDeviceFromPush(client)).build_request())
    assert query == {"type": "gcm", "pnsdk": client.sdk_name, "uuid": "test-uuid", "auth": "auth-1"}


def test_signature():
    client = make_client(secret_key="sec-c-test")
    endpoint = AddChannelsToPush(client).channels(["a b", "c"]).device_id("dev").push_type(PNPushType.APNS2) \
        .topic("t.1")
    query = query_of(endpoint.build_request())
    canonical = ("add=a%20b%2Cc&environment=development&pnsdk=" + url_encode(client.sdk_name)
                 + "&timestamp=1600000000&topic=t.1&uuid=test-uuid")
    string_to_sign = "GET\npub-c-test\n" + V2 + "dev\n" + canonical + "\n"
    digest = hmac.new(b"sec-c-test", string_to_sign.encode(), hashlib.sha256).digest()
    assert query["signature"] == "v2." + base64.urlsafe_b64encode(digest).decode().rstrip("=")


@pytest.mark.parametrize(("build", "path", "extra"), [
    (lambda p: AddChannelsToPush(p).channels(["ch"]).push_type(PNPushType.APNS).device_id("coolDevice"),
     AddChannelsToPush.ADD_PATH % ("sub-c-test", "coolDevice"), {"add": "ch", "type": "apns"}),
    (lambda p: AddChannelsToPush(p).channels(["ch1", "ch2"]).push_type(PNPushType.MPNS).device_id("coolDevice"),
     AddChannelsToPush.ADD_PATH % ("sub-c-test", "coolDevice"), {"add": "ch1,ch2", "type": "mpns"}),
    (lambda p: AddChannelsToPush(p).channels(["ch"]).push_type(PNPushType.APNS2).device_id("coolDevice")
     .environment(PNPushEnvironment.PRODUCTION).topic("testTopic"),
     AddChannelsToPush.ADD_PATH_APNS2 % ("sub-c-test", "coolDevice"),
     {"add": "ch", "environment": "production", "topic": "testTopic"}),
    (lambda p: RemoveChannelsFromPush(p).channels(["ch1", "ch2"]).push_type(PNPushType.GCM).device_id("dev"),
     RemoveChannelsFromPush.REMOVE_PATH % ("sub-c-test", "dev"), {"remove": "ch1,ch2", "type": "gcm"}),
    (lambda p: ListPushProvisions(p).push_type(PNPushType.APNS2).device_id("dev").topic("t"),
     ListPushProvisions.LIST_PATH_APNS2 % ("sub-c-test", "dev"), {"environment": "development", "topic": "t"}),
    (lambda p: RemoveDeviceFromPush(p).push_type(PNPushType.MPNS).device_id("dev"),
     RemoveDeviceFromPush.REMOVE_PATH % ("sub-c-test", "dev"), {"type": "mpns"}),
])
def test_on_a_mocked_client(mocked, build, path, extra):
    endpoint = build(mocked)
    endpoint.validate_params()
    assert endpoint.build_path() == path
    assert endpoint.build_params_callback()({}) == dict(extra, pnsdk="PubNub-Python%2F4.8.1", uuid="mocked-uuid")
    assert endpoint.affected_channels() is None and endpoint.affected_channels_groups() is None


# ----- validation -------------------------------------------------------------------------------

CHANNEL_CASES = [
    ({"subscribe_key": None}, {}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"subscribe_key": None}, {"channels": ["a"], "device_id": "d", "push_type": 3}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {}, PNERR_CHANNEL_MISSING),
    ({}, {"channels": [], "device_id": "d", "push_type": 3}, PNERR_CHANNEL_MISSING),
    ({}, {"channels": ("a",), "device_id": "d", "push_type": 3}, PNERR_CHANNEL_MISSING),
    ({}, {"channels": "a,b", "device_id": "d", "push_type": 3}, PNERR_CHANNEL_MISSING),
    ({}, {"channels": ["a"]}, PNERR_PUSH_DEVICE_MISSING),
    ({}, {"channels": ["a"], "device_id": "", "push_type": 3}, PNERR_PUSH_DEVICE_MISSING),
    ({}, {"channels": ["a"], "device_id": 123, "push_type": 3}, PNERR_PUSH_DEVICE_MISSING),
    ({}, {"channels": ["a"], "device_id": "d"}, PNERROR_PUSH_TYPE_MISSING),
    ({}, {"channels": ["a"], "device_id": "d", "push_type": 4}, PNERR_PUSH_TOPIC_MISSING),
    ({}, {"channels": ["a"], "device_id": "d", "push_type": 4, "topic": ""}, PNERR_PUSH_TOPIC_MISSING),
]
DEVICE_CASES = [
    ({"subscribe_key": None}, {}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, {}, PNERR_PUSH_DEVICE_MISSING),
    ({}, {"device_id": "", "push_type": 3}, PNERR_PUSH_DEVICE_MISSING),
    ({}, {"device_id": "d"}, PNERROR_PUSH_TYPE_MISSING),
    ({}, {"device_id": "d", "push_type": 4}, PNERR_PUSH_TOPIC_MISSING),
    ({}, {"device_id": "d", "push_type": 4, "topic": 5}, PNERR_PUSH_TOPIC_MISSING),
]


@pytest.mark.parametrize(("cls", "settings", "setup", "error"),
                         [(cls, *case) for cls in CHANNEL_CALLS for case in CHANNEL_CASES]
                         + [(cls, *case) for cls in DEVICE_CALLS for case in DEVICE_CASES])
def test_validation_order(cls, settings, setup, error):
    endpoint = cls(make_client(**settings))
    for setter, value in setup.items():
        getattr(endpoint, setter)(value)
    assert str(invalid(endpoint)) == error


@pytest.mark.parametrize("cls", DEVICE_CALLS)
def test_device_calls_need_no_channels(client, cls):
    endpoint = cls(client).device_id("d").push_type(PNPushType.GCM)
    endpoint.validate_params()
    assert not hasattr(endpoint, "channels")


def test_topic_is_not_required_for_v1_types(client):
    _complete(ListPushProvisions(client), PNPushType.APNS).validate_params()


# ----- answers ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("cls", "body", "result_cls", "text"), [
    (AddChannelsToPush, [1, "Modified Channels"], PNPushAddChannelResult, "Channel successfully added"),
    (RemoveChannelsFromPush, [1, "Modified Channels"], PNPushRemoveChannelResult, "Channel successfully removed"),
    (RemoveDeviceFromPush, [1, "Removed Device"], PNPushRemoveAllChannelsResult, "All channels successfully removed"),
])
def test_acknowledgements(client, cls, body, result_cls, text):
    envelope = answer(_complete(cls(client)), body)
    assert type(envelope.result) is result_cls and vars(envelope.result) == {}
    assert str(envelope.result) == text
    status = envelope.status
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.error is None
    assert status.operation == cls.OPERATION and status.original_response == body
    assert status.affected_channels is None and status.affected_groups is None


def test_list_answer(client):
    envelope = answer(_complete(ListPushProvisions(client)), ["ch_3", "ch_4", "channel_1"])
    assert isinstance(envelope.result, PNPushListProvisionsResult)
    assert envelope.result.channels == ["ch_3", "ch_4", "channel_1"]
    assert str(envelope.result) == "Push notification enabled on following channels: ch_3, ch_4, channel_1"


@pytest.mark.parametrize("body", [[], {"error": "x"}, None])
def test_list_of_nothing_is_empty(client, body):
    result = ListPushProvisions(client).create_response(body)
    assert result.channels == []
    assert str(result) == "Push notification enabled on following channels: "


@pytest.mark.parametrize(("code", "category", "body"), [
    (400, PNStatusCategory.PNBadRequestCategory, '{"error": "Invalid type argument"}'),
    (400, PNStatusCategory.PNBadRequestCategory, '{"error": "Invalid device token"}'),
    (403, PNStatusCategory.PNAccessDeniedCategory,
     '{"message":"Forbidden","payload":{"channels":["ch1"]},"error":true,"service":"Access Manager",'
     '"status":403}'),
    (503, PNStatusCategory.PNUnknownCategory, '{"error": "Service Unavailable"}'),
])
@pytest.mark.parametrize("cls", CHANNEL_CALLS + DEVICE_CALLS)
def test_errors(client, cls, code, category, body):
    envelope = answer(_complete(cls(client)), body.encode(), code)
    assert envelope.result is None
    status = envelope.status
    assert status.category == category and status.status_code == code and status.error is True
    assert status.operation == cls.OPERATION
    prefix = "HTTP Client Error" if code < 500 else "HTTP Server Error"
    assert str(status.error_data.exception) == "%s (%d): %s" % (prefix, code, body)
