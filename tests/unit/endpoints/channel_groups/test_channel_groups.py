"""Channel groups: paths, queries, signatures, validation order, answers and result texts."""
from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from pubnub.endpoints.channel_groups.add_channel_to_channel_group import AddChannelToChannelGroup
from pubnub.endpoints.channel_groups.list_channels_in_channel_group import ListChannelsInChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_from_channel_group import RemoveChannelFromChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_group import RemoveChannelGroup
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_CHANNELS_MISSING, PNERR_GROUP_MISSING, PNERR_SUBSCRIBE_KEY_MISSING
from pubnub.models.consumer.channel_group import (
    PNChannelGroupsAddChannelResult,
    PNChannelGroupsListResult,
    PNChannelGroupsRemoveChannelResult,
    PNChannelGroupsRemoveGroupResult,
)
from pubnub.utils import url_encode

from ...support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

GROUP_PATH = "/v1/channel-registration/sub-key/sub-c-test/channel-group/"
OK = {"status": 200, "message": "OK", "service": "channel-registry", "error": False}
ALL = (AddChannelToChannelGroup, RemoveChannelFromChannelGroup, ListChannelsInChannelGroup, RemoveChannelGroup)


def test_path_constants_keep_the_4_8_1_names_and_formats():
    template = "/v1/channel-registration/sub-key/%s/channel-group/%s"
    assert AddChannelToChannelGroup.ADD_PATH == template
    assert RemoveChannelFromChannelGroup.REMOVE_PATH == template
    assert ListChannelsInChannelGroup.LIST_PATH == template
    assert RemoveChannelGroup.REMOVE_PATH == template + "/remove"


def _ready(cls, pubnub):
    """A complete call of ``cls`` on group "gr" (channels ch1, ch2 where the call takes channels)."""
    endpoint = cls(pubnub).channel_group("gr")
    return endpoint.channels(["ch1", "ch2"]) if hasattr(endpoint, "channels") else endpoint


# class -> (operation, name, path suffix, query of its own, acknowledgement model or None, str() of it)
FAMILY = {
    AddChannelToChannelGroup: (8, "Add channel to group", "", {"add": "ch1,ch2"},
                               PNChannelGroupsAddChannelResult, "Channel successfully added"),
    RemoveChannelFromChannelGroup: (9, "Remove channel from group", "", {"remove": "ch1,ch2"},
                                    PNChannelGroupsRemoveChannelResult, "Channel successfully removed"),
    ListChannelsInChannelGroup: (12, "List channels in group", "", {}, None, None),
    RemoveChannelGroup: (11, "Remove group", "/remove", {}, PNChannelGroupsRemoveGroupResult,
                         "Group successfully removed"),
}


def test_declarations(client):
    assert PNOperationType.PNAddChannelsToGroupOperation == 8 and PNOperationType.PNRemoveGroupOperation == 11
    assert PNOperationType.PNRemoveChannelsFromGroupOperation == 9
    assert PNOperationType.PNChannelsForGroupOperation == 12
    seen = {cls: (cls(client).operation_type(), cls(client).name()) for cls in ALL}
    assert seen == {cls: facts[:2] for cls, facts in FAMILY.items()}
    assert {(cls(client).http_method(), cls(client).is_auth_required()) for cls in ALL} == {(HttpMethod.GET, True)}


def test_add_recorded_request(client):
    endpoint = AddChannelToChannelGroup(client).channels(["channel-groups-unit-ch1", "channel-groups-unit-ch2"]) \
        .channel_group("channel-groups-unit-cg")
    request = endpoint.build_request()
    assert request.method == "GET" and request.body is None
    assert "Content-Type" not in request.headers
    assert path_of(request) == GROUP_PATH + "channel-groups-unit-cg"
    assert raw_query(request) == ("add=channel-groups-unit-ch1,channel-groups-unit-ch2&pnsdk=%s&uuid=test-uuid"
                                  % sdk(client))


def test_remove_channels_recorded_request(client):
    request = RemoveChannelFromChannelGroup(client).channels("channel-groups-unit-ch1,channel-groups-unit-ch2") \
        .channel_group("channel-groups-unit-cg").build_request()
    assert path_of(request) == GROUP_PATH + "channel-groups-unit-cg"
    assert raw_query(request).startswith("remove=channel-groups-unit-ch1,channel-groups-unit-ch2&pnsdk=")


def test_list_and_remove_group_have_only_common_params():
    client = make_client(auth_key="auth-1")
    listed = ListChannelsInChannelGroup(client).channel_group("cg").build_request()
    removed = RemoveChannelGroup(client).channel_group("cg").build_request()
    assert path_of(listed) == GROUP_PATH + "cg"
    assert path_of(removed) == GROUP_PATH + "cg/remove"
    for request in (listed, removed):
        assert query_of(request) == {"pnsdk": client.sdk_name, "uuid": "test-uuid", "auth": "auth-1"}


def test_documented_example_encodes_the_group_but_keeps_commas_between_channels():
    client = make_client(subscribe_key="S")
    endpoint = AddChannelToChannelGroup(client).channels(["a b", "c"]).channel_group("g/1")
    assert endpoint.build_path() == "/v1/channel-registration/sub-key/S/channel-group/g%2F1"
    request = endpoint.build_request()
    assert raw_query(request).startswith("add=a%20b,c&")  # 4.8.1 sent "a b,c"; requests made it a%20b,c
    assert query_of(request)["add"] == "a b,c"


def test_channel_names_decode_to_what_was_given(client):
    request = AddChannelToChannelGroup(client).channels(["a+b", "x/y", "\u00e4"]).channel_group("g").build_request()
    assert raw_query(request).startswith("add=a%2Bb,x%2Fy,%C3%A4&")  # a literal + is never read as a space
    assert query_of(request)["add"] == "a+b,x/y,\u00e4"


@pytest.mark.parametrize("cls", [AddChannelToChannelGroup, RemoveChannelFromChannelGroup])
def test_channels_append(client, cls):
    endpoint = cls(client).channels("a,b").channels(["c"]).channels(("d", "e")).channels("")
    assert endpoint._channels == ["a", "b", "c", "d", "e"]
    assert endpoint.channel_group("g").build_params_callback()({})[cls.QUERY_KEY] == "a,b,c,d,e"


def test_setters_chain_and_return_the_endpoint(client):
    endpoint = AddChannelToChannelGroup(client)
    assert endpoint.channels("a") is endpoint and endpoint.channel_group("g") is endpoint


def test_signature_over_the_decoded_channel_list():
    client = make_client(secret_key="sec-c-test")
    endpoint = AddChannelToChannelGroup(client).channels(["a b", "c"]).channel_group("cg")
    query = query_of(endpoint.build_request())
    assert query["timestamp"] == "1600000000"
    canonical = "add=a%20b%2Cc&pnsdk=" + url_encode(client.sdk_name) + "&timestamp=1600000000&uuid=test-uuid"
    string_to_sign = "GET\npub-c-test\n" + GROUP_PATH + "cg\n" + canonical + "\n"
    digest = hmac.new(b"sec-c-test", string_to_sign.encode(), hashlib.sha256).digest()
    assert query["signature"] == "v2." + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def test_params_callback_view(client):
    endpoint = AddChannelToChannelGroup(client).channels(["ch1", "ch2"]).channel_group("gr")
    assert endpoint.build_params_callback()({}) == {"add": "ch1,ch2", "pnsdk": sdk(client), "uuid": "test-uuid"}
    assert RemoveChannelGroup(client).channel_group("gr").build_params_callback()({"x": "1"}) == {
        "pnsdk": sdk(client), "uuid": "test-uuid", "x": "1"}


def test_on_a_mocked_client(mocked):
    for cls, (_, _, suffix, own, _, _) in FAMILY.items():
        endpoint = _ready(cls, mocked)
        endpoint.validate_params()
        assert endpoint.build_path() == AddChannelToChannelGroup.ADD_PATH % ("sub-c-test", "gr") + suffix
        assert endpoint.build_params_callback()({}) == {**own, "pnsdk": "PubNub-Python%2F4.8.1",
                                                        "uuid": "mocked-uuid"}, cls
        assert (endpoint.affected_channels(), endpoint.affected_channels_groups()) == (None, None)


# ----- validation -------------------------------------------------------------------------------

@pytest.mark.parametrize("cls", [AddChannelToChannelGroup, RemoveChannelFromChannelGroup])
@pytest.mark.parametrize(("settings", "channels", "group", "error"), [
    ({"subscribe_key": None}, None, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"subscribe_key": ""}, ["a"], "g", PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, None, PNERR_CHANNELS_MISSING),
    ({}, "", "g", PNERR_CHANNELS_MISSING),
    ({}, [], "g", PNERR_CHANNELS_MISSING),
    ({}, ["a"], None, PNERR_GROUP_MISSING),
    ({}, ["a"], "", PNERR_GROUP_MISSING),
    ({}, ["a"], 5, PNERR_GROUP_MISSING),
    ({}, ["a"], ["g"], PNERR_GROUP_MISSING),
])
def test_channels_validation_order(cls, settings, channels, group, error):
    endpoint = cls(make_client(**settings))
    if channels is not None:
        endpoint.channels(channels)
    if group is not None:
        endpoint.channel_group(group)
    assert str(invalid(endpoint)) == error


@pytest.mark.parametrize("cls", [ListChannelsInChannelGroup, RemoveChannelGroup])
@pytest.mark.parametrize(("settings", "group", "error"), [
    ({"subscribe_key": None}, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"subscribe_key": None}, "g", PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, PNERR_GROUP_MISSING),
    ({}, "", PNERR_GROUP_MISSING),
    ({}, 7, PNERR_GROUP_MISSING),
])
def test_group_validation_order(cls, settings, group, error):
    endpoint = cls(make_client(**settings))
    if group is not None:
        endpoint.channel_group(group)
    assert str(invalid(endpoint)) == error


# ----- answers ----------------------------------------------------------------------------------

def test_acknowledgements(client):
    for cls, (_, _, _, _, model, text) in FAMILY.items():
        if model is None:
            continue
        envelope = answer(_ready(cls, client), OK)
        assert type(envelope.result) is model and vars(envelope.result) == {} and str(envelope.result) == text
        status = envelope.status
        assert (status.category, status.error, status.operation) == (
            PNStatusCategory.PNAcknowledgmentCategory, None, cls.OPERATION)
        assert status.original_response == OK
        assert status.affected_channels is None and status.affected_groups is None


def test_list_recorded_answer(client):
    body = {"status": 200, "payload": {"channels": ["channel-groups-unit-ch1", "channel-groups-unit-ch2"],
                                       "group": "channel-groups-unit-cg"},
            "service": "channel-registry", "error": False}
    envelope = answer(ListChannelsInChannelGroup(client).channel_group("channel-groups-unit-cg"), body)
    assert isinstance(envelope.result, PNChannelGroupsListResult)
    assert envelope.result.channels == ["channel-groups-unit-ch1", "channel-groups-unit-ch2"]
    assert str(envelope.result) == ("Group contains following channels: "
                                    "channel-groups-unit-ch1, channel-groups-unit-ch2")
    assert envelope.status.operation == PNOperationType.PNChannelsForGroupOperation


@pytest.mark.parametrize("body", [
    {"status": 200, "payload": {"channels": [], "group": "gone"}, "service": "channel-registry", "error": False},
    {"status": 200, "payload": {"group": "gone"}, "service": "channel-registry", "error": False},
    OK,
])
def test_list_without_channels_is_empty(client, body):
    result = ListChannelsInChannelGroup(client).channel_group("gone").create_response(body)
    assert result.channels == []
    assert str(result) == "Group contains following channels: "


@pytest.mark.parametrize(("code", "category", "body"), [
    (400, PNStatusCategory.PNBadRequestCategory,
     '{"message":"Invalid Subscribe Key","error":true,"service":"Access Manager","status":400}'),
    (403, PNStatusCategory.PNAccessDeniedCategory,
     '{"message":"Forbidden","payload":{"channel-groups":["gr"]},"error":true,"service":"Access Manager",'
     '"status":403}'),
    (500, PNStatusCategory.PNUnknownCategory, '{"status":500,"error":true}'),
])
def test_errors(client, code, category, body):
    text = ("HTTP Client Error" if code < 500 else "HTTP Server Error") + " (%d): %s" % (code, body)
    for cls in ALL:
        envelope = answer(_ready(cls, client), body.encode(), code)
        status = envelope.status
        assert envelope.result is None and status.error is True
        assert (status.category, status.status_code, status.operation) == (category, code, cls.OPERATION)
        assert str(status.error_data.exception) == text


def test_every_call_of_the_family_is_a_get_with_the_group_encoded(client):
    for cls in ALL:
        endpoint = cls(client).channel_group("a b")
        if hasattr(endpoint, "channels"):
            endpoint.channels("x")
        request = endpoint.build_request()
        assert request.method == "GET"
        assert path_of(request).startswith(GROUP_PATH + "a%20b")
