"""The 4.8.1 builder surface of every endpoint family, on both clients.

One table row per call: the client factory method, the endpoint class at its 4.8.1 module path,
the ``PNOperationType`` it reports (CORE §9.2 / MORE §9.2) and every builder method 4.8.1 offers,
each with the argument forms 4.8.1 accepted (MORE §1-§8, CORE §4/§7/§8, IMPORTS.md). Each setter
must return the builder itself so chains keep working. The effect tables below then pin what the
argument forms mean (appending setters split a ``str`` on ","; enums, sort keys, pages, members
and token resources reach the request) through the 4.8.1 test hooks ``build_path()``,
``build_params_callback()`` and ``build_data()``; nothing is sent.
"""
from __future__ import annotations

import importlib
import io
import json
from typing import Any, Dict, List, NamedTuple, Tuple

import pytest

from pubnub.endpoints.objects_v2.objects_endpoint import ChannelIncludeEndpoint, UUIDIncludeEndpoint
from pubnub.enums import PNOperationType, PNPushEnvironment, PNPushType
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.models.consumer.objects_v2.channel_members import PNUUID
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership
from pubnub.models.consumer.objects_v2.page import Next, Previous
from pubnub.models.consumer.objects_v2.sort import PNSortKey, PNSortKeyValue
from pubnub.models.consumer.v3.space import Space
from pubnub.models.consumer.v3.user import User
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub
from pubnub.pubnub_tornado import PubNubTornado

Step = Tuple[str, Tuple[Any, ...]]


def m(method: str, *args: Any) -> Step:
    """One builder call of a row: ``m("channels", "a,b")`` stands for ``.channels("a,b")``."""
    return (method, args)


class Call(NamedTuple):
    factory: str
    cls: str  # "module.path.ClassName"
    operation: str  # PNOperationType member name
    value: int  # its 4.8.1 integer value
    steps: List[Step]


def _action() -> PNMessageAction:
    action = PNMessageAction()
    action.type, action.value, action.message_timetoken = "reaction", "smiley_face", "15956342921084730"
    return action


TT = 16000000000000000
CH_FORMS = [m("channels", "a,b"), m("channels", ["c"]), m("channels", ("d", "e"))]
CG_FORMS = [m("channel_groups", "g1,g2"), m("channel_groups", ["g3"]), m("channel_groups", ("g4",))]
PAM_FORMS = [*CH_FORMS, *CG_FORMS, m("auth_keys", "k1,k2"), m("auth_keys", ["k3"]), m("auth_keys", ("k4",))]
PAM_FLAGS = [m("get", True), m("update", False), m("join", True), m("delete", False), m("ttl", 60)]
PUSH = [m("device_id", "dev"), m("push_type", PNPushType.APNS), m("push_type", PNPushType.GCM),
        m("push_type", PNPushType.MPNS), m("push_type", PNPushType.APNS2), m("topic", "com.example.app"),
        m("environment", PNPushEnvironment.DEVELOPMENT), m("environment", PNPushEnvironment.PRODUCTION)]
LIST = [m("limit", 10), m("filter", 'name == "x"'), m("include_total_count", True),
        m("sort", PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED)),
        m("sort"), m("page", Next("MTA")), m("page", Previous("MQ")), m("include_custom", True)]
UUID_INC = [m("include_uuid", UUIDIncludeEndpoint.UUID), m("include_uuid", UUIDIncludeEndpoint.UUID_WITH_CUSTOM)]
CH_INC = [m("include_channel", ChannelIncludeEndpoint.CHANNEL),
          m("include_channel", ChannelIncludeEndpoint.CHANNEL_WITH_CUSTOM)]
MEMBERS = [PNUUID.uuid("u1"), PNUUID.uuid_with_custom("u2", {"role": "admin"})]
MEMBERSHIPS = [PNChannelMembership.channel("c1"), PNChannelMembership.channel_with_custom("c2", {"k": 1})]
FILE = [m("channel", "ch"), m("file_name", "king_arthur.txt")]
PUBLISH_OPTS = [m("meta", {"k": "v"}), m("should_store", True), m("ttl", 222), m("cipher_key", "secret"),
                m("replicate", False), m("ptto", TT)]
E = "pubnub.endpoints."
O2 = E + "objects_v2."

CALLS = [
    # ----- publish, fire, signal, time (CORE §3-§4, MORE §8)
    Call("publish", E + "pubsub.publish.Publish", "PNPublishOperation", 3,
         [m("channel", "ch"), m("message", {"a": 1}), m("message", "text"), m("message", [1, 2]),
          m("use_post", True), m("use_post", False), m("should_store", True), m("meta", {"k": "v"}),
          m("replicate", True), m("ptto", TT)]),
    Call("fire", E + "pubsub.fire.Fire", "PNFireOperation", 25,
         [m("channel", "ch"), m("message", {"a": 1}), m("use_post", True), m("meta", {"k": "v"})]),
    Call("signal", E + "signal.Signal", "PNSignalOperation", 26, [m("channel", "ch"), m("message", "hi")]),
    Call("time", E + "time.Time", "PNTimeOperation", 17, []),
    # ----- storage (CORE §8)
    Call("history", E + "history.History", "PNHistoryOperation", 4,
         [m("channel", "ch"), m("start", TT), m("end", TT - 1), m("reverse", True), m("count", 5),
          m("include_timetoken", True), m("include_meta", False)]),
    Call("fetch_messages", E + "fetch_messages.FetchMessages", "PNFetchMessagesOperation", 45,
         [*CH_FORMS, m("count", 5), m("maximum_per_channel", 5), m("start", TT), m("end", TT - 1),
          m("include_meta", True), m("include_message_actions", False)]),
    Call("message_counts", E + "message_count.MessageCount", "PNMessageCountOperation", 24,
         [m("channel", "a,b"), m("channel", ["c"]), m("channel_timetokens", [TT, str(TT), TT])]),
    Call("delete_messages", E + "history_delete.HistoryDelete", "PNHistoryDeleteOperation", 23,
         [m("channel", "ch"), m("start", TT), m("end", TT - 1)]),
    # ----- message actions (CORE §7, docs/message-actions-api.txt)
    Call("add_message_action", E + "message_actions.add_message_action.AddMessageAction",
         "PNAddMessageAction", 42, [m("channel", "ch"), m("message_action", _action())]),
    Call("get_message_actions", E + "message_actions.get_message_actions.GetMessageActions",
         "PNGetMessageActions", 43,
         [m("channel", "ch"), m("start", "15956342921084731"), m("end", "15956342921084730"), m("limit", 50)]),
    Call("remove_message_action", E + "message_actions.remove_message_action.RemoveMessageAction",
         "PNDeleteMessageAction", 44,
         [m("channel", "ch"), m("action_timetoken", 15956346328442840), m("message_timetoken", 1595634632)]),
    # ----- presence (MORE §1)
    Call("here_now", E + "presence.here_now.HereNow", "PNHereNowOperation", 18,
         [*CH_FORMS, *CG_FORMS, m("include_state", True), m("include_uuids", False)]),
    Call("where_now", E + "presence.where_now.WhereNow", "PNWhereNowOperation", 5, [m("uuid", "someone")]),
    Call("set_state", E + "presence.set_state.SetState", "PNSetStateOperation", 7,
         [*CH_FORMS, *CG_FORMS, m("state", {"count": 5})]),
    Call("get_state", E + "presence.get_state.GetState", "PNGetState", 19, [*CH_FORMS, *CG_FORMS, m("uuid", "u")]),
    Call("heartbeat", E + "presence.heartbeat.Heartbeat", "PNHeartbeatOperation", 6,
         [*CH_FORMS, *CG_FORMS, m("state", {"ch": {"a": 1}})]),
    # ----- Access Manager (MORE §2-§3)
    Call("grant", E + "access.grant.Grant", "PNAccessManagerGrant", 21,
         [*PAM_FORMS, m("read", True), m("write", False), m("manage", True), *PAM_FLAGS,
          m("uuids", "u1,u2"), m("uuids", ["u3"]), m("uuids", ("u4",))]),
    # 4.8.1 Revoke.read/write/manage raised NotImplementedError: they are not part of the surface.
    Call("revoke", E + "access.revoke.Revoke", "PNAccessManagerRevoke", 22, [*PAM_FORMS, *PAM_FLAGS]),
    Call("audit", E + "access.audit.Audit", "PNAccessManagerAudit", 20, PAM_FORMS),
    Call("grant_token", E + "access.grant_token.GrantToken", "PNAccessManagerGrantToken", 41,
         [m("ttl", 15), m("meta", {"app": "x"}), m("users", [User.id("u1").read().write()]),
          m("spaces", [Space.pattern("^room-.*$").read(), Space.id("s1").manage().create().delete()])]),
    # ----- channel groups (MORE §4)
    Call("add_channel_to_channel_group", E + "channel_groups.add_channel_to_channel_group.AddChannelToChannelGroup",
         "PNAddChannelsToGroupOperation", 8, [m("channel_group", "cg"), *CH_FORMS]),
    Call("remove_channel_from_channel_group",
         E + "channel_groups.remove_channel_from_channel_group.RemoveChannelFromChannelGroup",
         "PNRemoveChannelsFromGroupOperation", 9, [m("channel_group", "cg"), *CH_FORMS]),
    Call("list_channels_in_channel_group",
         E + "channel_groups.list_channels_in_channel_group.ListChannelsInChannelGroup",
         "PNChannelsForGroupOperation", 12, [m("channel_group", "cg")]),
    Call("remove_channel_group", E + "channel_groups.remove_channel_group.RemoveChannelGroup",
         "PNRemoveGroupOperation", 11, [m("channel_group", "cg")]),
    # ----- mobile push (MORE §5)
    Call("add_channels_to_push", E + "push.add_channels_to_push.AddChannelsToPush",
         "PNAddPushNotificationsOnChannelsOperation", 14, [m("channels", ["ch1", "ch2"]), *PUSH]),
    Call("remove_channels_from_push", E + "push.remove_channels_from_push.RemoveChannelsFromPush",
         "PNRemovePushNotificationsFromChannelsOperation", 15, [m("channels", ["ch1"]), *PUSH]),
    Call("list_push_channels", E + "push.list_push_provisions.ListPushProvisions",
         "PNPushNotificationEnabledChannelsOperation", 13, PUSH),
    Call("remove_device_from_push", E + "push.remove_device.RemoveDeviceFromPush",
         "PNRemoveAllPushNotificationsOperation", 16, PUSH),
    # ----- Objects v2 (MORE §6)
    Call("set_uuid_metadata", O2 + "uuid.set_uuid.SetUuid", "PNSetUuidMetadataOperation", 53,
         [m("uuid", "u"), m("set_name", "Some name"), m("email", "a@example.com"), m("external_id", "1234"),
          m("profile_url", "http://example.com"), m("custom", {"k": "v"}), m("include_custom", True)]),
    Call("get_uuid_metadata", O2 + "uuid.get_uuid.GetUuid", "PNGetUuidMetadataOperation", 54,
         [m("uuid", "u"), m("include_custom", False)]),
    Call("remove_uuid_metadata", O2 + "uuid.remove_uuid.RemoveUuid", "PNRemoveUuidMetadataOperation", 55,
         [m("uuid", "u")]),
    Call("get_all_uuid_metadata", O2 + "uuid.get_all_uuid.GetAllUuid", "PNGetAllUuidMetadataOperation", 56, LIST),
    Call("set_channel_metadata", O2 + "channel.set_channel.SetChannel", "PNSetChannelMetadataOperation", 57,
         [m("channel", "c"), m("set_name", "Some name"), m("description", "Some description"),
          m("custom", {"k": "v"}), m("include_custom", True)]),
    Call("get_channel_metadata", O2 + "channel.get_channel.GetChannel", "PNGetChannelMetadataOperation", 58,
         [m("channel", "c"), m("include_custom", True)]),
    Call("remove_channel_metadata", O2 + "channel.remove_channel.RemoveChannel",
         "PNRemoveChannelMetadataOperation", 59, [m("channel", "c")]),
    Call("get_all_channel_metadata", O2 + "channel.get_all_channels.GetAllChannels",
         "PNGetAllChannelMetadataOperation", 60, LIST),
    Call("set_channel_members", O2 + "members.set_channel_members.SetChannelMembers",
         "PNSetChannelMembersOperation", 61, [m("channel", "c"), m("uuids", MEMBERS), *LIST, *UUID_INC]),
    Call("get_channel_members", O2 + "members.get_channel_members.GetChannelMembers",
         "PNGetChannelMembersOperation", 62, [m("channel", "c"), *LIST, *UUID_INC]),
    Call("remove_channel_members", O2 + "members.remove_channel_members.RemoveChannelMembers",
         "PNRemoveChannelMembersOperation", 63, [m("channel", "c"), m("uuids", MEMBERS), *LIST, *UUID_INC]),
    Call("manage_channel_members", O2 + "members.manage_channel_members.ManageChannelMembers",
         "PNManageChannelMembersOperation", 64,
         [m("channel", "c"), m("set", MEMBERS[:1]), m("remove", MEMBERS[1:]), *LIST, *UUID_INC]),
    Call("set_memberships", O2 + "memberships.set_memberships.SetMemberships", "PNSetMembershipsOperation", 65,
         [m("uuid", "u"), m("channel_memberships", MEMBERSHIPS), *LIST, *CH_INC]),
    Call("get_memberships", O2 + "memberships.get_memberships.GetMemberships", "PNGetMembershipsOperation", 66,
         [m("uuid", "u"), *LIST, *CH_INC]),
    Call("remove_memberships", O2 + "memberships.remove_memberships.RemoveMemberships",
         "PNRemoveMembershipsOperation", 67, [m("uuid", "u"), m("channel_memberships", MEMBERSHIPS), *LIST, *CH_INC]),
    Call("manage_memberships", O2 + "memberships.manage_memberships.ManageMemberships",
         "PNManageMembershipsOperation", 68,
         [m("uuid", "u"), m("set", MEMBERSHIPS[:1]), m("remove", MEMBERSHIPS[1:]), *LIST, *CH_INC]),
    # ----- files (MORE §7)
    Call("send_file", E + "file_operations.send_file.SendFileNative", "PNSendFileAction", 51,
         [*FILE, m("file_object", io.BytesIO(b"Knights who say Ni!")), m("file_object", b"raw bytes"),
          m("message", {"test_message": "test"}), *PUBLISH_OPTS]),
    Call("download_file", E + "file_operations.download_file.DownloadFileNative", "PNDownloadFileAction", 50,
         [*FILE, m("file_id", "id-1"), m("cipher_key", "secret")]),
    Call("list_files", E + "file_operations.list_files.ListFiles", "PNGetFilesAction", 46, [m("channel", "ch")]),
    Call("get_file_url", E + "file_operations.get_file_url.GetFileDownloadUrl", "PNGetFileDownloadURLAction", 48,
         [*FILE, m("file_id", "id-1")]),
    Call("delete_file", E + "file_operations.delete_file.DeleteFile", "PNDeleteFileOperation", 47,
         [*FILE, m("file_id", "id-1")]),
    Call("publish_file_message", E + "file_operations.publish_file_message.PublishFileMessage",
         "PNSendFileAction", 51, [*FILE, m("file_id", "id-1"), m("message", {"a": 1}), *PUBLISH_OPTS]),
    Call("_fetch_file_upload_s3_data", E + "file_operations.fetch_upload_details.FetchFileUploadS3Data",
         "PNFetchFileUploadS3DataAction", 49, FILE),
]

CLIENTS = {"tornado": PubNubTornado, "native": PubNub}


@pytest.fixture(params=sorted(CLIENTS))
def pubnub(request: pytest.FixtureRequest) -> Any:
    """Each client class, configured as the brief says (keys set, no subscription manager)."""
    config = PNConfiguration()
    config.subscribe_key, config.publish_key, config.uuid = "sub-c-mock", "pub-c-mock", "builder-uuid"
    config.enable_subscribe = False
    return CLIENTS[request.param](config)


def _resolve(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("call", CALLS, ids=[c.factory for c in CALLS])
def test_factory_returns_the_4_8_1_class_and_operation(pubnub: Any, call: Call) -> None:
    builder = getattr(pubnub, call.factory)()
    assert type(builder) is _resolve(call.cls)
    assert builder.pubnub is pubnub
    assert getattr(pubnub, call.factory)() is not builder  # every call starts a fresh builder
    assert getattr(PNOperationType, call.operation) == call.value
    assert builder.operation_type() == call.value


@pytest.mark.parametrize("call", CALLS, ids=[c.factory for c in CALLS])
def test_every_setter_accepts_its_forms_and_chains(pubnub: Any, call: Call) -> None:
    builder = getattr(pubnub, call.factory)()
    broken = []
    for method, args in call.steps:  # all on one builder: this is the 4.x chain
        setter = getattr(builder, method, None)
        if not callable(setter):
            broken.append("%s missing" % method)
        elif setter(*args) is not builder:
            broken.append("%s%r does not return the builder" % (method, args))
    assert not broken, "%s: %s" % (call.cls, "; ".join(broken))


# ----- subscribe / unsubscribe builders (CORE §6.6): chain, never executed here -----------------
@pytest.mark.parametrize(("factory", "cls", "steps"), [
    ("subscribe", "pubnub.builders.SubscribeBuilder",
     [*CH_FORMS, *CG_FORMS, m("with_presence"), m("with_timetoken", TT)]),
    ("unsubscribe", "pubnub.builders.UnsubscribeBuilder", [*CH_FORMS, *CG_FORMS]),
])
def test_subscribe_builders_chain(pubnub: Any, factory: str, cls: str, steps: List[Step]) -> None:
    builder = getattr(pubnub, factory)()
    assert type(builder) is _resolve(cls)
    for method, args in steps:
        assert getattr(builder, method)(*args) is builder, method
    assert callable(builder.execute)


def test_subscribe_builder_appends_channels_and_groups(pubnub: Any) -> None:
    builder = pubnub.subscribe().channels("a,b").channels(["c"]).channels(("d",)).channels("")
    builder.channel_groups("g1,g2").channel_groups(("g3",))
    assert builder.channel_subscriptions() == ["a", "b", "c", "d"]
    assert builder.channel_group_subscriptions() == ["g1", "g2", "g3"]


# ----- what the argument forms mean -------------------------------------------------------------
def _build(pubnub: Any, factory: str, steps: List[Step]) -> Any:
    builder = getattr(pubnub, factory)()
    for method, args in steps:
        getattr(builder, method)(*args)
    return builder


def _snapshot(builder: Any) -> Tuple[str, Dict[str, str]]:
    """Path and query as the 4.8.1 functional tests read them (no request is sent)."""
    params = builder.build_params_callback()({})
    return builder.build_path(), {k: str(v) for k, v in params.items()}


# (factory, setter, steps applied first). A str is split on ",", lists/tuples are appended,
# repeated calls accumulate and "" adds nothing (MORE §0.5, §2.2, §4; CORE §8.2-§8.3).
APPENDING = [
    ("here_now", "channels", []), ("here_now", "channel_groups", []),
    ("set_state", "channels", [m("state", {"a": 1})]), ("set_state", "channel_groups", [m("channels", "x")]),
    ("get_state", "channels", []), ("get_state", "channel_groups", []),
    ("heartbeat", "channels", []), ("heartbeat", "channel_groups", []),
    ("grant", "channels", [m("read", True)]), ("grant", "channel_groups", [m("read", True)]),
    ("grant", "auth_keys", [m("read", True)]), ("grant", "uuids", [m("get", True), m("auth_keys", "k")]),
    ("revoke", "channels", []), ("revoke", "auth_keys", []), ("revoke", "uuids", [m("auth_keys", "k")]),
    ("audit", "channels", []), ("audit", "channel_groups", []), ("audit", "auth_keys", []),
    ("add_channel_to_channel_group", "channels", [m("channel_group", "cg")]),
    ("remove_channel_from_channel_group", "channels", [m("channel_group", "cg")]),
    ("fetch_messages", "channels", []),
    ("message_counts", "channel", [m("channel_timetokens", [TT, TT + 1])]),
]


@pytest.mark.parametrize(("factory", "setter", "setup"), APPENDING, ids=["%s.%s" % r[:2] for r in APPENDING])
def test_appending_setter_forms_are_equivalent(pubnub: Any, factory: str, setter: str, setup: List[Step]) -> None:
    def build(*values: Any) -> Tuple[str, Dict[str, str]]:
        return _snapshot(_build(pubnub, factory, setup + [m(setter, value) for value in values]))

    joined = build("a,b")
    assert build(["a", "b"]) == joined
    assert build(("a", "b")) == joined
    assert build("a", ["b"]) == joined
    assert build("a", "", "b") == joined
    assert build("a") != joined


# (factory, steps, expected query subset, text the path contains): bools, ints, enums, sort keys
# and pages as MORE §1.1, §5.2, §6.1, CORE §8.1-§8.2 describe them.
EFFECTS = [
    ("here_now", [m("channels", "c"), m("include_state", True), m("include_uuids", False)],
     {"state": "1", "disable_uuids": "1"}, "/channel/c"),
    ("history", [m("channel", "c"), m("count", 5), m("reverse", True), m("include_timetoken", True),
                 m("include_meta", False), m("start", TT), m("end", TT - 5)],
     {"count": "5", "reverse": "true", "include_token": "true", "include_meta": "false",
      "start": str(TT), "end": str(TT - 5)}, "/channel/c"),
    ("fetch_messages", [m("channels", "c"), m("maximum_per_channel", 7)], {"max": "7"}, "/channel/c"),
    ("fetch_messages", [m("channels", "c"), m("count", 7), m("include_meta", True)],
     {"max": "7", "include_meta": "true"}, "/channel/c"),
    ("list_push_channels", [m("device_id", "dev"), m("push_type", PNPushType.APNS)], {"type": "apns"},
     "/devices/dev"),
    ("list_push_channels", [m("device_id", "dev"), m("push_type", PNPushType.GCM)], {"type": "gcm"}, "/devices/dev"),
    ("list_push_channels", [m("device_id", "dev"), m("push_type", PNPushType.MPNS)], {"type": "mpns"},
     "/devices/dev"),
    ("add_channels_to_push", [m("channels", ["ch1", "ch2"]), m("device_id", "dev"), m("push_type", PNPushType.APNS2),
                              m("environment", PNPushEnvironment.PRODUCTION), m("topic", "t")],
     {"add": "ch1,ch2", "environment": "production", "topic": "t"}, "/devices-apns2/dev"),
    ("remove_device_from_push", [m("device_id", "dev"), m("push_type", PNPushType.APNS2), m("topic", "t")],
     {"environment": "development", "topic": "t"}, "/devices-apns2/dev/remove"),
    ("get_all_uuid_metadata", [m("limit", 10), m("include_total_count", True), m("include_custom", True),
                               m("sort", PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED))],
     {"limit": "10", "count": "True", "sort": "id:asc,updated:desc", "include": "custom"}, "/uuids"),
    ("get_all_channel_metadata", [m("page", Next("MTA"))], {"start": "MTA"}, "/channels"),
    ("get_channel_members", [m("channel", "c"), m("page", Previous("MQ")), m("include_custom", True),
                             m("include_uuid", UUIDIncludeEndpoint.UUID_WITH_CUSTOM)],
     {"end": "MQ", "include": "custom,uuid.custom"}, "/channels/c/uuids"),
    ("get_memberships", [m("uuid", "u"), m("include_channel", ChannelIncludeEndpoint.CHANNEL),
                         m("sort", PNSortKey.asc(PNSortKeyValue.NAME))],
     {"include": "channel", "sort": "name:asc"}, "/uuids/u/channels"),
]


@pytest.mark.parametrize(("factory", "steps", "expected", "in_path"), EFFECTS,
                         ids=["%s-%d" % (r[0], i) for i, r in enumerate(EFFECTS)])
def test_argument_forms_reach_the_request(pubnub: Any, factory: str, steps: List[Step], expected: Dict[str, str],
                                          in_path: str) -> None:
    path, params = _snapshot(_build(pubnub, factory, steps))
    assert {k: params.get(k) for k in expected} == expected
    assert in_path in path


# (factory, steps, expected JSON body): object items and token resources (MORE §3.1, §6.4, §6.5).
BODIES = [
    ("set_channel_members", [m("channel", "c"), m("uuids", MEMBERS)],
     {"set": [{"uuid": {"id": "u1"}}, {"uuid": {"id": "u2"}, "custom": {"role": "admin"}}], "delete": []}),
    ("remove_channel_members", [m("channel", "c"), m("uuids", MEMBERS[:1])],
     {"set": [], "delete": [{"uuid": {"id": "u1"}}]}),
    ("manage_channel_members", [m("channel", "c"), m("set", MEMBERS[:1]), m("remove", MEMBERS[1:])],
     {"set": [{"uuid": {"id": "u1"}}], "delete": [{"uuid": {"id": "u2"}, "custom": {"role": "admin"}}]}),
    ("set_memberships", [m("uuid", "u"), m("channel_memberships", MEMBERSHIPS)],
     {"set": [{"channel": {"id": "c1"}}, {"channel": {"id": "c2"}, "custom": {"k": 1}}], "delete": []}),
    ("remove_memberships", [m("uuid", "u"), m("channel_memberships", MEMBERSHIPS[1:])],
     {"set": [], "delete": [{"channel": {"id": "c2"}, "custom": {"k": 1}}]}),
    ("manage_memberships", [m("uuid", "u"), m("set", MEMBERSHIPS[1:]), m("remove", MEMBERSHIPS[:1])],
     {"set": [{"channel": {"id": "c2"}, "custom": {"k": 1}}], "delete": [{"channel": {"id": "c1"}}]}),
    ("set_uuid_metadata", [m("uuid", "u"), m("set_name", "n"), m("external_id", "1234")],
     {"name": "n", "email": None, "externalId": "1234", "profileUrl": None, "custom": None}),
    ("set_channel_metadata", [m("channel", "c"), m("description", "d"), m("custom", {"k": "v"})],
     {"name": None, "description": "d", "custom": {"k": "v"}}),
]


@pytest.mark.parametrize(("factory", "steps", "expected"), BODIES, ids=[r[0] for r in BODIES])
def test_object_items_reach_the_body(pubnub: Any, factory: str, steps: List[Step], expected: Any) -> None:
    assert json.loads(_build(pubnub, factory, steps).build_data()) == expected


def test_grant_token_resources_reach_the_body(pubnub: Any) -> None:
    builder = pubnub.grant_token().ttl(15).users([User.id("u1").read().write()])
    builder.spaces([Space.pattern("^room-.*$").read()]).meta({"app": "x"})
    permissions = json.loads(builder.build_data())["permissions"]
    assert permissions["resources"]["users"] == {"u1": 3}
    assert permissions["patterns"]["spaces"] == {"^room-.*$": 1}
    assert permissions["meta"] == {"app": "x"}


def test_setters_that_replace_keep_only_the_last_list(pubnub: Any) -> None:
    """Push ``channels(list)``, Objects list setters and token resources replace (MORE §0.5, §3.1, §5.3)."""
    _, params = _snapshot(_build(pubnub, "add_channels_to_push", [
        m("channels", ["old"]), m("channels", ["ch1"]), m("device_id", "d"), m("push_type", PNPushType.GCM)]))
    assert params["add"] == "ch1"
    members = pubnub.set_channel_members().channel("c").uuids(MEMBERS).uuids(MEMBERS[:1])
    assert json.loads(members.build_data())["set"] == [{"uuid": {"id": "u1"}}]
    token = pubnub.grant_token().ttl(1).users([User.id("old").read()]).users([User.id("new").read()])
    assert json.loads(token.build_data())["permissions"]["resources"]["users"] == {"new": 1}


@pytest.mark.parametrize("flag", ["read", "write", "manage"])
def test_revoke_refuses_the_flags_it_always_clears(pubnub: Any, flag: str) -> None:
    """4.8.1 ``Revoke`` presets r/w/m to 0 and its read/write/manage raise ``NotImplementedError`` (MORE §2.3)."""
    with pytest.raises(NotImplementedError):
        getattr(pubnub.revoke(), flag)(True)
