"""Stream message -> listener call (CORE §6.7) with the fixed 4.8.1 quirks."""
from __future__ import annotations

import pytest

from pubnub._subscription_dispatch import ListenerManager, notifications_for
from pubnub.crypto import PubNubCryptodome
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.objects_v2.channel import PNChannelMetadataResult
from pubnub.models.consumer.objects_v2.memberships import PNMembershipResult
from pubnub.models.consumer.objects_v2.uuid import PNUUIDMetadataResult
from pubnub.models.consumer.pubsub import (
    PNMessageActionResult,
    PNMessageResult,
    PNPresenceEventResult,
    PNSignalMessageResult,
)

from .machine import make_client, message


def only(notifications):
    [(method, event)] = notifications
    return method, event


def test_message_with_meta_reaches_user_metadata_quirk_u_ignored():
    method, event = only(notifications_for(make_client(), message("ch", {"text": "hi"}, 16000000000000003,
                                                                  u={"lang": "en"})))
    assert method == "message" and isinstance(event, PNMessageResult)
    assert vars(event) == {"message": {"text": "hi"}, "channel": "ch", "subscription": None,
                           "timetoken": 16000000000000003, "user_metadata": {"lang": "en"},
                           "publisher": "pub-uuid"}


def test_subscription_is_the_group_or_none_when_equal_to_the_channel():
    client = make_client()
    assert only(notifications_for(client, message("ch", 1, 5, b="grp")))[1].subscription == "grp"
    assert only(notifications_for(client, message("ch", 1, 5, b="ch")))[1].subscription is None


def test_signal():
    method, event = only(notifications_for(make_client(cipher_key="k"), message("ch", "sig", 4, e=1)))
    assert method == "signal" and isinstance(event, PNSignalMessageResult)
    assert (event.message, event.publisher, event.timetoken) == ("sig", "pub-uuid", 4)  # never decrypted


@pytest.mark.parametrize("kind", ["added", "removed"])
def test_message_action_event_carries_added_or_removed_quirk_event_dropped(kind):
    payload = {"source": "actions", "version": "1.0", "event": kind,
               "data": {"messageTimetoken": "15725459448096144", "type": "reaction", "value": "smile",
                        "actionTimetoken": "15725459793173220"}}
    out = notifications_for(make_client(cipher_key="secret"), message("ch", payload, 9, e=3, i="SomeUser"))
    method, event = only(out)  # with a cipher key, 4.8.1 also announced a decryption error
    assert method == "message_action" and isinstance(event, PNMessageActionResult)
    assert (event.type, event.value, event.uuid, event.event) == ("reaction", "smile", "SomeUser", kind)
    assert (event.message_timetoken, event.action_timetoken) == ("15725459448096144", "15725459793173220")


def test_presence_join_through_a_group_and_interval():
    client = make_client()
    join = {"action": "join", "timestamp": 1600000000, "uuid": "u2", "occupancy": 2, "data": {"k": 1}}
    method, event = only(notifications_for(client, message("ch-pnpres", join, 6, b="grp-pnpres")))
    assert method == "presence" and isinstance(event, PNPresenceEventResult)
    assert (event.event, event.uuid, event.occupancy, event.state) == ("join", "u2", 2, {"k": 1})
    assert (event.channel, event.subscription, event.timetoken) == ("ch", "grp", 6)
    interval = {"action": "interval", "timestamp": 1600000001, "occupancy": 3, "join": ["u3"], "timeout": ["u4"]}
    event = only(notifications_for(client, message("ch-pnpres", interval, 7, b="ch-pnpres",
                                                   u={"pn_action": "interval"})))[1]
    assert (event.event, event.join, event.leave, event.timeout) == ("interval", ["u3"], None, ["u4"])
    assert event.subscription is None and event.user_metadata == {"pn_action": "interval"}
    for action in ("leave", "timeout", "state-change"):
        assert only(notifications_for(client, message("ch-pnpres", dict(join, action=action), 8)))[1].event == action


def test_only_a_pnpres_suffix_makes_a_presence_channel():
    assert only(notifications_for(make_client(), message("my-pnpres-room", "hi", 5)))[0] == "message"


def test_decryption_and_decryption_errors():
    client = make_client(cipher_key="testKey")
    crypto = PubNubCryptodome(client.config)
    secret = crypto.encrypt("testKey", '{"name": "Alex"}')
    assert only(notifications_for(client, message("ch", secret, 5)))[1].message == {"name": "Alex"}
    out = notifications_for(client, message("ch", "not-encrypted!", 6))
    assert [method for method, _ in out] == ["status", "message"]
    status, delivered = out[0][1], out[1][1]
    assert status.category == PNStatusCategory.PNDecryptionErrorCategory and status.is_error()
    assert status.operation == PNOperationType.PNSubscribeOperation
    assert delivered.message == "not-encrypted!"  # delivered as received


def test_file_event():
    client = make_client()
    payload = {"message": "see this", "file": {"id": "fid", "name": "cat.jpg"}}
    method, event = only(notifications_for(client, message("ch", payload, 11, e=4)))
    assert method == "file"
    assert (event.message, event.file_id, event.file_name, event.publisher) == ("see this", "fid", "cat.jpg",
                                                                                "pub-uuid")
    assert event.file_url.startswith("http://127.0.0.1:1/v1/files/sub-c-test/channels/ch/files/fid/cat.jpg?")


def test_encrypted_file_event_with_its_download_url():
    client = make_client(cipher_key="testKey")
    text = '{"message": "secret", "file": {"id": "fid", "name": "cat.jpg"}}'
    encrypted = PubNubCryptodome(client.config).encrypt("testKey", text)
    event = only(notifications_for(client, message("my ch", encrypted, 11, e=4)))[1]
    assert (event.message, event.file_id, event.file_name) == ("secret", "fid", "cat.jpg")
    assert event.file_url.startswith("http://127.0.0.1:1/v1/files/sub-c-test/channels/my%20ch/files/fid/cat.jpg?")


@pytest.mark.parametrize("kind, method, model", [
    ("channel", "channel", PNChannelMetadataResult), ("uuid", "uuid", PNUUIDMetadataResult),
    ("membership", "membership", PNMembershipResult)])
def test_objects_events(kind, method, model):
    payload = {"source": "objects", "version": "2.0", "event": "delete", "type": kind, "data": {"id": "x"}}
    name, event = only(notifications_for(make_client(), message("ch", payload, 5, e=2)))
    assert name == method and isinstance(event, model)
    assert (event.event, event.data) == ("delete", {"id": "x"})


def test_objects_event_of_unknown_type_is_dropped():
    payload = {"source": "objects", "version": "2.0", "event": "set", "type": "space", "data": {}}
    assert notifications_for(make_client(), message("ch", payload, 5, e=2)) == []


def test_listener_manager_delivery_hook_and_removal():
    calls, queued = [], []

    class Listener:
        def status(self, pubnub, status):
            calls.append(status)

    manager = ListenerManager(pubnub="client")
    listener = Listener()
    manager.add_listener(listener)
    manager.set_deliver(queued.append)
    manager.announce_status("s1")
    manager.notify("presence", "ignored: the listener has no presence()")
    assert calls == [] and len(queued) == 2
    for call in queued:
        call()
    assert calls == ["s1"]
    manager.remove_listener(listener)
    manager.announce_status("s2")
    assert len(queued) == 2 and manager.listeners == []
