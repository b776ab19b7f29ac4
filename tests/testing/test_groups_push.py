"""Channel groups (subscribe-to-group delivery), push registrations and here_now with groups on the test server."""
from __future__ import annotations

import threading
from typing import Any, Callable

import pytest

from pubnub.endpoints.channel_groups.add_channel_to_channel_group import AddChannelToChannelGroup
from pubnub.endpoints.channel_groups.list_channels_in_channel_group import ListChannelsInChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_from_channel_group import RemoveChannelFromChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_group import RemoveChannelGroup
from pubnub.endpoints.push.add_channels_to_push import AddChannelsToPush
from pubnub.endpoints.push.list_push_provisions import ListPushProvisions
from pubnub.endpoints.push.remove_channels_from_push import RemoveChannelsFromPush
from pubnub.endpoints.push.remove_device import RemoveDeviceFromPush
from pubnub.enums import PNPushEnvironment, PNPushType

from .clients import Clients, Recorder
from .support import Http

CG = "/v1/channel-registration/sub-key/demo/channel-group/"


def test_a_parked_group_subscriber_follows_membership_changes(make_server: Callable[..., Any],
                                                              make_http: Callable[[Any], Http]) -> None:
    server = make_server(long_poll_seconds=1.0)
    http, subscriber = make_http(server), make_http(server)
    cursor = subscriber.get("/v2/subscribe/demo/,/0?tt=0&channel-group=g&uuid=s").json["t"]["t"]
    answer: list = []
    poll = threading.Thread(target=lambda: answer.append(
        subscriber.get("/v2/subscribe/demo/,/0?tt=%s&channel-group=g&uuid=s" % cursor)))
    poll.start()
    assert server.wait_for_parked_polls(1)
    assert http.get(CG + "g?add=news").status == 200  # the parked poll now listens on "news" too
    http.get("/publish/demo/demo/0/news/0/%22first%22?uuid=p")
    poll.join(5)
    messages = answer[0].json["m"]
    assert [(m["c"], m["b"], m["d"]) for m in messages] == [("news", "g", "first")]
    cursor = answer[0].json["t"]["t"]
    assert http.get(CG + "g?remove=news").status == 200
    http.get("/publish/demo/demo/0/news/0/%22second%22")
    empty = subscriber.get("/v2/subscribe/demo/,/0?tt=%s&channel-group=g&uuid=s" % cursor)
    assert empty.json["m"] == []  # removed: nothing more from "news" (after the long-poll window)


def test_group_membership_rules_and_caps(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(max_groups=2, max_channels_per_group=3))
    assert http.get(CG + "g1?add=a,b,a").status == 200
    assert http.get(CG + "g1?add=b").status == 200  # idempotent
    full = http.get(CG + "g1?add=c,d")
    assert full.status == 400 and full.json["error"] is True
    assert http.get(CG + "g1").json["payload"]["channels"] == ["a", "b"]  # nothing of the refused call
    assert http.get(CG + "g2?add=x").status == 200
    assert http.get(CG + "g3?add=x").status == 400
    assert http.get(CG + "g2?remove=x").status == 200  # emptied: the group is gone, making room
    assert http.get(CG + "g3?add=x").status == 200
    assert http.get(CG + "g1/remove").status == 200
    assert http.get(CG + "g1").json["payload"] == {"channels": [], "group": "g1"}
    assert http.get(CG + "%2F?add=a%20b,c%2Cd").status == 200
    assert http.get(CG + "%2F").json["payload"]["channels"] == ["a b", "c,d"]


@pytest.mark.gen_test
async def test_the_client_manages_a_group_and_receives_through_it(live_server: Callable[..., Any],
                                                                  clients: Clients) -> None:
    server = live_server()
    recorder = Recorder()
    listener = clients(server.origin, recorder, uuid="listener")
    talker = clients(server.origin, uuid="talker")
    await AddChannelToChannelGroup(talker).channel_group("cg").channels(["a", "b"]).future()
    listed = await ListChannelsInChannelGroup(talker).channel_group("cg").future()
    assert listed.result.channels == ["a", "b"]
    listener.subscribe().channel_groups("cg").with_presence().execute()
    await recorder.connected()
    joined = await recorder.wait_for(lambda: recorder.of("presence"))
    assert {(p.channel, p.subscription, p.uuid) for p in joined} <= {("a", "cg", "listener"), ("b", "cg", "listener")}
    await talker.publish().channel("b").message("via group").future()
    await AddChannelToChannelGroup(talker).channel_group("cg").channels("c").future()
    await talker.publish().channel("c").message("added later").future()
    messages = await recorder.wait_for(lambda: len(recorder.of("message")) == 2 and recorder.of("message"))
    assert [(m.channel, m.subscription, m.message) for m in messages] == [
        ("b", "cg", "via group"), ("c", "cg", "added later")]
    here = await talker.here_now().channel_groups("cg").include_state(True).future()
    assert {c.channel_name for c in here.result.channels} == {"a", "b", "c"}
    assert here.result.total_occupancy == 3
    await RemoveChannelFromChannelGroup(talker).channel_group("cg").channels("a").future()
    assert (await ListChannelsInChannelGroup(talker).channel_group("cg").future()).result.channels == ["b", "c"]
    await RemoveChannelGroup(talker).channel_group("cg").future()
    assert (await ListChannelsInChannelGroup(talker).channel_group("cg").future()).result.channels == []


@pytest.mark.gen_test
async def test_the_client_registers_push_devices(live_server: Callable[..., Any], clients: Clients) -> None:
    pubnub = clients(live_server().origin)
    await AddChannelsToPush(pubnub).channels(["b", "a"]).device_id("device1").push_type(PNPushType.GCM).future()
    await AddChannelsToPush(pubnub).channels(["c"]).device_id("device1").push_type(PNPushType.MPNS).future()
    listed = await ListPushProvisions(pubnub).device_id("device1").push_type(PNPushType.GCM).future()
    assert listed.result.channels == ["a", "b"]

    def apns2(endpoint: Any, environment: str) -> Any:
        return endpoint.device_id("device1").push_type(PNPushType.APNS2).topic("com.example").environment(environment)
    await apns2(AddChannelsToPush(pubnub).channels(["p"]), PNPushEnvironment.PRODUCTION).future()
    await apns2(AddChannelsToPush(pubnub).channels(["d"]), PNPushEnvironment.DEVELOPMENT).future()
    await apns2(RemoveDeviceFromPush(pubnub), PNPushEnvironment.DEVELOPMENT).future()
    production = await apns2(ListPushProvisions(pubnub), PNPushEnvironment.PRODUCTION).future()
    development = await apns2(ListPushProvisions(pubnub), PNPushEnvironment.DEVELOPMENT).future()
    assert (production.result.channels, development.result.channels) == (["p"], [])

    await RemoveChannelsFromPush(pubnub).channels(["a"]).device_id("device1").push_type(PNPushType.GCM).future()
    assert (await ListPushProvisions(pubnub).device_id("device1").push_type(PNPushType.GCM).future()) \
        .result.channels == ["b"]
    await RemoveDeviceFromPush(pubnub).device_id("device1").push_type(PNPushType.GCM).future()
    assert (await ListPushProvisions(pubnub).device_id("device1").push_type(PNPushType.GCM).future()) \
        .result.channels == []
    mpns = await ListPushProvisions(pubnub).device_id("device1").push_type(PNPushType.MPNS).future()
    assert mpns.result.channels == ["c"]  # another type, another registration
    # accepted, as the service accepts them (recorded); the Tornado client once refused to send the
    # last two ("URL rejected: Bad path", UnicodeEncodeError)
    for token in ("nothex", "unknown-token.1", "with space", "t\u00f6ken-\u0442\u043e\u043a\u0435\u043d"):
        added = await AddChannelsToPush(pubnub).channels(["x"]).device_id(token).push_type(PNPushType.APNS).future()
        assert not added.status.is_error(), added.status
        listed = await ListPushProvisions(pubnub).device_id(token).push_type(PNPushType.APNS).future()
        assert listed.result.channels == ["x"]


def test_push_registrations_are_capped(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(max_push_devices=2, max_push_channels_per_device=2))
    base = "/v1/push/sub-key/demo/devices/%s?type=gcm&"
    assert http.get(base % "d1" + "add=a,b").status == 200
    assert http.get(base % "d1" + "add=c").json == {"error": "Too many channels for this device"}
    assert http.get(base % "d2" + "add=a").status == 200
    assert http.get(base % "d3" + "add=a").json == {"error": "Too many devices"}
    assert http.get(base % "d2" + "remove=a").status == 200  # its last channel: the device is gone
    assert http.get(base % "d3" + "add=a").status == 200
    assert http.get(base % "d1").json == ["a", "b"]
