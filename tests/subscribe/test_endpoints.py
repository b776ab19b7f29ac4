"""Subscribe and presence endpoints: 4.8.1 paths, parameters, validation and result parsing."""
from __future__ import annotations

import pytest

from pubnub.endpoints.presence.get_state import GetState
from pubnub.endpoints.presence.heartbeat import Heartbeat
from pubnub.endpoints.presence.here_now import HereNow
from pubnub.endpoints.presence.leave import Leave
from pubnub.endpoints.presence.set_state import SetState
from pubnub.endpoints.presence.where_now import WhereNow
from pubnub.endpoints.pubsub.subscribe import Subscribe
from pubnub.errors import (
    PNERR_CHANNEL_OR_GROUP_MISSING,
    PNERR_STATE_MISSING,
    PNERR_STATE_SETTER_FOR_GROUPS_NOT_SUPPORTED_YET,
    PNERR_SUBSCRIBE_KEY_MISSING,
    PNERR_UUID_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.presence import (
    PNGetStateResult,
    PNHereNowResult,
    PNSetStateResult,
    PNWhereNowResult,
)
from pubnub.pubnub_core import PubNubCore

from .machine import make_client, path, query

S = "sub-c-test"


def view(endpoint):
    params = endpoint.build_params_callback()({})
    return {k: v for k, v in params.items() if k not in ("pnsdk", "uuid")}


def test_subscribe_paths_and_params():
    client = make_client(filter_expression="a == 'b'")
    sub = Subscribe(client).channels("ch1,ch 2").channel_groups(["g1", "g 2"]).timetoken(123).region(4)
    sub.filter_expression(client.config.filter_expression)
    assert sub.build_path() == "/v2/subscribe/%s/ch1,ch%%202/0" % S
    assert view(sub) == {"channel-group": "g1,g%202", "filter-expr": "a%20%3D%3D%20%27b%27", "tt": "123", "tr": 4}
    assert sub.affected_channels() == ["ch1", "ch 2"] and sub.affected_channels_groups() == ["g1", "g 2"]
    assert sub.request_timeout() == 310 and sub.operation_type() == 1
    assert Subscribe(client).channel_groups("g").build_path() == "/v2/subscribe/%s/,/0" % S
    with pytest.raises(PubNubException) as error:
        Subscribe(client).validate_params()
    assert error.value.pn_error == PNERR_CHANNEL_OR_GROUP_MISSING


def test_leave_and_heartbeat():
    client = make_client()
    leave = Leave(client).channels(["a", "b"]).channel_groups("g1,g2")
    assert leave.build_path() == "/v2/presence/sub-key/%s/channel/a,b/leave" % S
    assert view(leave) == {"channel-group": "g1,g2"} and leave.operation_type() == 2
    beat = Heartbeat(client).channels("a").channel_groups("g").state({"a": {"x": 1}})
    assert beat.build_path() == "/v2/presence/sub-key/%s/channel/a/heartbeat" % S
    assert view(beat) == {"heartbeat": "300", "channel-group": "g", "state": "%7B%22a%22%3A%20%7B%22x%22%3A%201%7D%7D"}
    assert beat.create_response({"status": 200}) is True and beat.operation_type() == 6
    with pytest.raises(PubNubException) as error:
        Heartbeat(client).validate_params()
    assert error.value.pn_error == PNERR_CHANNEL_OR_GROUP_MISSING


def test_here_now_request_forms():
    client = make_client()
    now = HereNow(client).channels(["a b", "c/d"]).include_state(True).include_uuids(False)
    assert path(now) == "/v2/presence/sub-key/%s/channel/a%%20b,c%%2Fd" % S
    assert view(now) == {"state": "1", "disable_uuids": "1"}
    assert path(HereNow(client)) == "/v2/presence/sub-key/%s" % S
    groups = HereNow(client).channel_groups(["g1", "g2"])
    assert path(groups) == "/v2/presence/sub-key/%s/channel/," % S and query(groups)["channel-group"] == "g1,g2"
    assert now.operation_type() == 18


def test_here_now_results():
    single = PNHereNowResult.from_json({"status": 200, "uuids": ["u1"], "occupancy": 1}, ["ch"])
    assert (single.total_channels, single.total_occupancy) == (1, 1)
    assert single.channels[0].channel_name == "ch" and single.channels[0].occupants[0].uuid == "u1"
    with_state = PNHereNowResult.from_json(
        {"occupancy": 1, "uuids": [{"uuid": "u1", "state": {"n": 5}}]}, ["ch"])
    assert with_state.channels[0].occupants[0].state == {"n": 5}
    empty = PNHereNowResult.from_json({"occupancy": 0}, ["ch"])
    assert (empty.total_occupancy, empty.channels[0].occupancy, empty.channels[0].occupants) == (0, 0, [])
    multi = PNHereNowResult.from_json({"payload": {"channels": {
        "a": {"uuids": ["u1", "u2"], "occupancy": 2}, "b": {"occupancy": 1}},
        "total_channels": 2, "total_occupancy": 3}}, ["a", "b"])
    assert [c.channel_name for c in multi.channels] == ["a", "b"] and multi.total_occupancy == 3
    assert multi.channels[1].occupants is None
    assert str(multi) == "HereNow Result total occupancy: 3, total channels: 2"
    nobody = PNHereNowResult.from_json({"payload": {"channels": {}, "total_channels": 0, "total_occupancy": 0}}, [])
    assert nobody.channels == {} and nobody.total_channels == 0
    one = PNHereNowResult.from_json({"payload": {"channels": {}, "total_channels": 0, "total_occupancy": 0}}, ["x"])
    assert one.total_channels == 1 and one.channels[0].channel_name == "x"


def test_where_now():
    client = make_client()
    where = WhereNow(client).uuid("some one")
    assert path(where) == "/v2/presence/sub-key/%s/uuid/some%%20one" % S
    assert path(WhereNow(client)).endswith("/uuid/me")
    result = where.create_response({"payload": {"channels": ["a", "b"]}})
    assert isinstance(result, PNWhereNowResult) and str(result) == "User is currently subscribed to a, b"
    with pytest.raises(PubNubException) as error:
        WhereNow(client).uuid(None).validate_params()
    assert error.value.pn_error == PNERR_UUID_MISSING


def test_get_state():
    client = make_client()
    one = GetState(client).channels("ch")
    assert path(one) == "/v2/presence/sub-key/%s/channel/ch/uuid/me" % S
    assert one.create_response({"payload": {"n": 5}}).channels == {"ch": {"n": 5}}
    many = GetState(client).channels(["a", "b"]).channel_groups("g").uuid("other")
    assert path(many).endswith("/channel/a,b/uuid/other") and view(many) == {"channel-group": "g"}
    result = many.create_response({"payload": {"channels": {"a": {}, "b": {"x": 1}}}})
    assert isinstance(result, PNGetStateResult) and result.channels["b"] == {"x": 1}


def test_set_state_and_its_validation_order():
    client = make_client()
    state = SetState(client).channels(["a"]).channel_groups("g").state({"count": 5, "name": "Alex"})
    assert path(state) == "/v2/presence/sub-key/%s/channel/a/uuid/me/data" % S
    # 4.8.1's parameter view holds set_state's state percent-encoded (MORE.md §1.3)
    assert view(state) == {"state": "%7B%22count%22%3A%205%2C%20%22name%22%3A%20%22Alex%22%7D", "channel-group": "g"}
    assert "state=%7B%22count%22%3A%205%2C%20%22name%22%3A%20%22Alex%22%7D" in state.build_request().url
    result = state.create_response({"status": 200, "payload": {"count": 5}})
    assert isinstance(result, PNSetStateResult) and str(result) == "New state {'count': 5} successfully set"
    cases = [(SetState(client), PNERR_CHANNEL_OR_GROUP_MISSING),
             (SetState(client).channel_groups("g").state({}), PNERR_STATE_SETTER_FOR_GROUPS_NOT_SUPPORTED_YET),
             (SetState(client).channels("a").state("x"), PNERR_STATE_MISSING)]
    for endpoint, pn_error in cases:
        with pytest.raises(PubNubException) as error:
            endpoint.validate_params()
        assert error.value.pn_error == pn_error
    keyless = make_client(subscribe_key=None)
    with pytest.raises(PubNubException) as error:
        SetState(keyless).channels("a").state({}).validate_params()
    assert error.value.pn_error == PNERR_SUBSCRIBE_KEY_MISSING


def test_set_state_is_remembered_for_heartbeats():
    client = make_client()
    client.subscribe().channels(["a", "b"]).execute()
    client.set_state().channels("a").state({"mood": "ok"}).build_request()
    assert client.manager._state.heartbeat_items() == (["a", "b"], [], {"a": {"mood": "ok"}})


def test_client_factories_and_subscription_views():
    client = make_client()
    assert isinstance(client.here_now(), HereNow) and isinstance(client.where_now(), WhereNow)
    assert isinstance(client.get_state(), GetState) and isinstance(client.heartbeat(), Heartbeat)
    client.subscribe().channels("a,b").channel_groups(["g"]).with_presence().execute()
    assert client.get_subscribed_channels() == ["a", "b"]
    assert client.get_subscribed_channel_groups() == ["g"]
    running = client.driver.flows["subscribe"]
    client.unsubscribe().channel_groups("not-subscribed").execute()  # 4.8.1 raised KeyError
    assert client.get_subscribed_channel_groups() == ["g"]
    assert client.driver.flows["subscribe"] is running  # nothing changed: the long-poll goes on


def test_a_client_without_subscription_manager_says_so():
    client = PubNubCore(make_client().config)  # enable_subscribe=False leaves no manager
    for call in (lambda: client.add_listener(object()), lambda: client.subscribe().channels("a").execute(),
                 client.unsubscribe_all, client.reconnect):
        with pytest.raises(PubNubException) as error:
            call()
        assert "Subscription manager is not enabled" in str(error.value)
    assert client.get_subscribed_channels() == [] and client.get_subscribed_channel_groups() == []
