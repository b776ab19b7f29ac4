"""Objects v2 on the test server: paging without loss, filter, sort, include, memberships, caps, events."""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List

import pytest

from pubnub.endpoints.objects_v2.channel.get_all_channels import GetAllChannels
from pubnub.endpoints.objects_v2.channel.remove_channel import RemoveChannel
from pubnub.endpoints.objects_v2.channel.set_channel import SetChannel
from pubnub.endpoints.objects_v2.members.get_channel_members import GetChannelMembers
from pubnub.endpoints.objects_v2.memberships.manage_memberships import ManageMemberships
from pubnub.endpoints.objects_v2.memberships.set_memberships import SetMemberships
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelIncludeEndpoint, UUIDIncludeEndpoint
from pubnub.endpoints.objects_v2.uuid.get_all_uuid import GetAllUuid
from pubnub.endpoints.objects_v2.uuid.set_uuid import SetUuid
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership
from pubnub.models.consumer.objects_v2.sort import PNSortKey, PNSortKeyValue

from .clients import Clients, Recorder
from .support import Http

OBJ = "/v2/objects/demo"


def set_uuid(http: Http, uuid: str, **body: Any) -> Dict[str, Any]:
    answer = http.request("PATCH", "%s/uuids/%s?include=custom" % (OBJ, uuid), json.dumps(body).encode())
    assert answer.status == 200, answer.text
    return answer.json["data"]  # type: ignore[no-any-return]


def ids(answer: Any) -> List[str]:
    return [item["id"] for item in answer.json["data"]]


def test_paging_forwards_and_backwards_loses_and_repeats_nothing(http: Http) -> None:
    names = ["user-%03d" % n for n in range(250)]
    for name in reversed(names):
        set_uuid(http, name, name=name[::-1])
    seen: List[str] = []
    query = "limit=40&count=true"
    pages = 0
    while True:
        answer = http.get("%s/uuids?%s" % (OBJ, query))
        assert answer.json["totalCount"] == 250
        if not answer.json["data"]:
            assert "next" not in answer.json
            break
        seen += ids(answer)
        pages += 1
        query = "limit=40&count=true&start=" + answer.json["next"]
    assert seen == names and pages == 7
    backwards: List[str] = []
    answer = http.get("%s/uuids?limit=40&start=%s" % (OBJ, "MjQw"))  # offset 240: the last 10
    while True:
        backwards = ids(answer) + backwards
        if "prev" not in answer.json:
            break
        answer = http.get("%s/uuids?limit=40&end=%s" % (OBJ, answer.json["prev"]))
    assert backwards == names


def test_the_last_page_carries_next_as_recorded(http: Http) -> None:
    """MORE §6.2-§6.6: ``next`` is on every page that holds items, the last one too (the hash of
    the offset after its last item); ``prev`` is missing on the first page."""
    members = [{"uuid": {"id": "m%02d" % n}} for n in range(15)]
    assert http.request("PATCH", OBJ + "/channels/somechannelid/uuids",
                        json.dumps({"set": members, "delete": []}).encode()).json["next"] == "MTU"
    first = http.get(OBJ + "/channels/somechannelid/uuids?limit=10").json
    assert (len(first["data"]), first["next"], "prev" in first) == (10, "MTA", False)
    last = http.get(OBJ + "/channels/somechannelid/uuids?limit=10&start=MTA").json
    assert (len(last["data"]), last["next"], last["prev"]) == (5, "MTU", "MTA")
    http.request("PATCH", OBJ + "/channels/somechannelid", b'{"name": "Some name"}')
    one = http.get(OBJ + "/channels?count=True&include=custom&limit=10&sort=id:asc,updated:desc").json
    assert {key: one[key] for key in one if key != "data"} == {"status": 200, "totalCount": 1, "next": "MQ"}
    for n in range(11):
        set_uuid(http, "u%02d" % n)
    eleven = http.get(OBJ + "/uuids?count=True&include=custom&limit=10&sort=id:asc,updated:desc").json
    assert (len(eleven["data"]), eleven["totalCount"], eleven["next"]) == (10, 11, "MTA")
    # after the last page, and for an empty list (neither recorded): no items, no next
    assert http.get(OBJ + "/channels/somechannelid/uuids?limit=10&start=MTU").json == {"status": 200, "data": []}
    assert http.get(OBJ + "/uuids/nobody/channels").json == {"status": 200, "data": []}


def test_filter_sort_and_include(http: Http) -> None:
    set_uuid(http, "a", name="Alice", email="a@x.io", custom={"team": "red", "level": 3})
    set_uuid(http, "b", name="Bob", custom={"team": "blue", "level": 7})
    set_uuid(http, "c", name="alfred", custom={"team": "red", "level": 5})

    def listed(query: str) -> List[str]:
        answer = http.get("%s/uuids?%s" % (OBJ, query))
        assert answer.status == 200, answer.text
        return ids(answer)
    assert listed("filter=name%20%3D%3D%20%22Bob%22") == ["b"]
    assert listed("filter=name%20LIKE%20%27al*%27") == ["a", "c"]
    assert listed("filter=custom.team%20%3D%3D%20%27red%27%20%26%26%20custom.level%20%3E%204") == ["c"]
    assert listed("filter=id%20%3D%3D%20%27a%27%20%7C%7C%20email%20%3D%3D%20null") == ["a", "b", "c"]
    assert listed("sort=name:desc") == ["c", "b", "a"]  # "alfred" > "Bob" > "Alice" by code point
    assert listed("sort=custom.team,custom.level:desc") == ["b", "c", "a"]
    assert listed("sort=updated:desc&limit=2") == ["c", "b"]
    # one comma-separated value, its separators encoded or not, as 4.x sends it (the service accepts both)
    assert listed("sort=custom.team%3Aasc%2Ccustom.level%3Adesc") == ["b", "c", "a"]
    assert listed("sort=custom.team:desc,name") == ["a", "c", "b"]
    # repeated parameters: every one counts, in order; and both forms at once
    assert listed("sort=custom.team:desc&sort=name") == ["a", "c", "b"]
    assert listed("sort=custom.team%3Adesc%2Ccustom.level%3Adesc&sort=id") == ["c", "a", "b"]
    assert http.get("%s/uuids?sort=name%%3Aup" % OBJ).status == 400
    plain = http.get(OBJ + "/uuids/a").json["data"]
    assert "custom" not in plain and http.get(OBJ + "/uuids/a?include=custom").json["data"]["custom"]["level"] == 3


def test_patch_semantics(http: Http) -> None:
    first = set_uuid(http, "u", name="N", email="e@x.io", custom={"a": 1, "b": 2})
    second = set_uuid(http, "u", email=None, custom={"c": 3})  # null clears, absent keeps, custom replaced
    assert (second["name"], second["email"], second["custom"]) == ("N", None, {"c": 3})
    assert second["eTag"] != first["eTag"] and second["updated"] >= first["updated"]
    assert set_uuid(http, "u", name="N", email="e@x.io", custom={"a": 1, "b": 2})["eTag"] == first["eTag"]
    assert http.request("PATCH", OBJ + "/uuids/u", b'{"name": 5}').status == 400
    assert http.request("PATCH", OBJ + "/uuids/u", b'{"unknown": 5, "profileUrl": "p"}').json["data"]["name"] == "N"


def test_memberships_and_members_are_one_fact(http: Http) -> None:
    def patch(path: str, body: Dict[str, Any]) -> Any:
        answer = http.request("PATCH", OBJ + path, json.dumps(body).encode())
        assert answer.status == 200, answer.text
        return answer.json
    http.request("PATCH", OBJ + "/channels/c1", b'{"name": "Room one"}')
    patch("/uuids/u1/channels", {"set": [{"channel": {"id": "c1"}}, {"channel": {"id": "c2"}, "custom": {"r": 1}}]})
    patch("/channels/c2/uuids", {"set": [{"uuid": {"id": "u2"}}]})
    members = http.get(OBJ + "/channels/c2/uuids?include=custom").json["data"]
    assert [(m["uuid"]["id"], m["custom"]) for m in members] == [("u1", {"r": 1}), ("u2", None)]
    managed = patch("/uuids/u1/channels?include=channel&filter=channel.name%20LIKE%20%27Room*%27",
                    {"set": [{"channel": {"id": "c3"}}], "delete": [{"channel": {"id": "c2"}}]})
    assert [m["channel"] for m in managed["data"]] == [{"id": "c1", "name": "Room one", "description": None,
                                                       "updated": managed["data"][0]["channel"]["updated"],
                                                       "eTag": managed["data"][0]["channel"]["eTag"]}]
    everything = http.get(OBJ + "/uuids/u1/channels?sort=id:desc").json["data"]
    assert [m["channel"]["id"] for m in everything] == ["c3", "c1"]
    assert [m["uuid"]["id"] for m in http.get(OBJ + "/channels/c2/uuids").json["data"]] == ["u2"]
    http.request("DELETE", OBJ + "/channels/c1")  # metadata goes, the membership stays
    assert http.get(OBJ + "/uuids/u1/channels?include=channel.custom").json["data"][0]["channel"] == {"id": "c1"}


def test_objects_are_capped(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(max_object_uuids=2, max_memberships_per_uuid=2, max_custom_bytes=40))
    set_uuid(http, "a")
    set_uuid(http, "b")
    assert http.request("PATCH", OBJ + "/uuids/c", b"{}").status == 400
    assert http.request("PATCH", OBJ + "/uuids/a", b'{"name": "still fine"}').status == 200
    join = b'{"set": [{"channel": {"id": "1"}}, {"channel": {"id": "2"}}, {"channel": {"id": "3"}}]}'
    assert http.request("PATCH", OBJ + "/uuids/a/channels", join).status == 400
    assert http.get(OBJ + "/uuids/a/channels").json["data"] == []  # all or nothing
    swap = b'{"set": [{"channel": {"id": "1"}}, {"channel": {"id": "2"}}], "delete": [{"channel": {"id": "9"}}]}'
    assert http.request("PATCH", OBJ + "/uuids/a/channels", swap).status == 200
    replace = b'{"set": [{"channel": {"id": "3"}}], "delete": [{"channel": {"id": "1"}}]}'
    assert http.request("PATCH", OBJ + "/uuids/a/channels", replace).status == 200
    big = json.dumps({"custom": {"text": "x" * 50}}).encode()
    assert http.request("PATCH", OBJ + "/uuids/a", big).status == 400


@pytest.mark.gen_test
async def test_client_listeners_receive_objects_events(live_server: Callable[..., Any], clients: Clients) -> None:
    server = live_server()
    recorder = Recorder()
    listener = clients(server.origin, recorder, uuid="listener")
    editor = clients(server.origin, uuid="editor")
    listener.subscribe().channels(["listener", "room"]).execute()
    await recorder.connected()
    await SetUuid(editor).uuid("listener").set_name("Lis").custom({"mood": "ok"}).future()
    await SetChannel(editor).channel("room").set_name("The room").future()
    await SetMemberships(editor).uuid("listener").channel_memberships([PNChannelMembership.channel("room")]).future()
    await RemoveChannel(editor).channel("room").future()
    await recorder.wait_for(lambda: len(recorder.of("channel")) == 2 and recorder.of("membership"))
    uuid_event = recorder.of("uuid")[0]
    assert (uuid_event.event, uuid_event.data["name"], uuid_event.data["custom"]) == ("set", "Lis", {"mood": "ok"})
    assert [(e.event, e.data["id"]) for e in recorder.of("channel")] == [("set", "room"), ("delete", "room")]
    membership = recorder.of("membership")
    assert membership[0].event == "set"
    assert (membership[0].data["uuid"], membership[0].data["channel"]) == ({"id": "listener"}, {"id": "room"})


@pytest.mark.gen_test
async def test_client_pages_and_manages_objects(live_server: Callable[..., Any], clients: Clients) -> None:
    pubnub = clients(live_server().origin)
    for n in range(12):
        await SetUuid(pubnub).uuid("u%02d" % n).set_name("n%d" % (n % 3)).future()
    names: List[str] = []
    page = await GetAllUuid(pubnub).limit(5).include_total_count(True) \
        .sort(PNSortKey.asc(PNSortKeyValue.NAME), PNSortKey.desc(PNSortKeyValue.ID)).future()
    while page.result.data:
        assert page.result.total_count == 12
        names += [item["id"] for item in page.result.data]
        page = await GetAllUuid(pubnub).limit(5).include_total_count(True) \
            .sort(PNSortKey.asc(PNSortKeyValue.NAME), PNSortKey.desc(PNSortKeyValue.ID)).page(page.result.next).future()
    assert names == ["u09", "u06", "u03", "u00", "u10", "u07", "u04", "u01", "u11", "u08", "u05", "u02"]
    assert page.result.next is None and page.result.prev is None  # the empty page after the last one

    await SetChannel(pubnub).channel("c").set_name("C").custom({"k": "v"}).future()
    channels = await GetAllChannels(pubnub).include_custom(True).filter('name == "C"').future()
    assert [(c["id"], c["custom"]) for c in channels.result.data] == [("c", {"k": "v"})]
    membership = PNChannelMembership.channel_with_custom("c", {"x": 1})
    managed = await ManageMemberships(pubnub).uuid("u00").set([membership]) \
        .include_custom(True).include_channel(ChannelIncludeEndpoint.CHANNEL_WITH_CUSTOM).future()
    assert managed.result.data[0]["channel"]["custom"] == {"k": "v"} and managed.result.data[0]["custom"] == {"x": 1}
    members = await GetChannelMembers(pubnub).channel("c").include_uuid(UUIDIncludeEndpoint.UUID).future()
    assert members.result.data[0]["uuid"]["name"] == "n0"
