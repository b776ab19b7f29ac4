"""4.x functional-test usage: endpoints built directly on a ``MagicMock(spec=PubNub)`` client.

As shared/compat/IMPORTS.md describes (tests/functional): the client sets only ``config``,
``sdk_name``, ``uuid``, ``timestamp()``, the publish sequence and a real TelemetryManager; the
tests call ``build_path()``, ``build_params_callback()({})``, ``validate_params()``,
``http_method()``, ``affected_channels()``/``affected_channels_groups()`` and read the path
constants and ``_channels``/``_groups``. Expected wire forms: protocol CORE.md / MORE.md (the
4.8.1 parameter-dict view keeps ``pnsdk`` url-encoded and ``uuid`` raw). Publish, fire, signal,
subscribe, presence and storage here; Access Manager, channel groups, push and telemetry in
``test_4x_usage_admin.py``.
"""
from __future__ import annotations

import hashlib
from base64 import b64encode
from typing import Any, Callable, Dict, List, NamedTuple, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest
from Cryptodome.Cipher import AES

from pubnub import utils
from pubnub.endpoints.history import History
from pubnub.endpoints.history_delete import HistoryDelete
from pubnub.endpoints.message_count import MessageCount
from pubnub.endpoints.presence.get_state import GetState
from pubnub.endpoints.presence.heartbeat import Heartbeat
from pubnub.endpoints.presence.here_now import HereNow
from pubnub.endpoints.presence.leave import Leave
from pubnub.endpoints.presence.set_state import SetState
from pubnub.endpoints.presence.where_now import WhereNow
from pubnub.endpoints.pubsub.fire import Fire
from pubnub.endpoints.pubsub.publish import Publish
from pubnub.endpoints.pubsub.subscribe import Subscribe
from pubnub.endpoints.signal import Signal
from pubnub.enums import HttpMethod
from pubnub.errors import PNERR_CHANNEL_OR_GROUP_MISSING, PNERR_MESSAGE_MISSING, PNERR_UUID_MISSING
from pubnub.exceptions import PubNubException

from ._usage_support import MOCK_UUID, PUB_KEY, SDK_NAME, SUB_KEY, assert_no_mock, mocked_client, pnconf_copy

S, P = SUB_KEY, PUB_KEY


def encoded_json(value: Any) -> str:
    """How a 4.x test spells a payload in a path: url_encode(write_value_as_string(value))."""
    return utils.url_encode(utils.write_value_as_string(value))


class Case(NamedTuple):
    cls: type
    build: Callable[[Any], Any]
    path: str
    params: Dict[str, Any]  # besides pnsdk and uuid
    method: int = HttpMethod.GET
    affected: Optional[List[str]] = None
    affected_groups: Optional[List[str]] = None
    private: Dict[str, Any] = {}


CASES = {
    "publish": Case(Publish, lambda e: e.channel("ch1").message("hi"),
                    Publish.PUBLISH_GET_PATH % (P, S, "ch1", 0, "%22hi%22"), {}),
    "publish list, meta, no store": Case(
        Publish, lambda e: e.channel("ch1").message(["hi", "hi2"]).meta({"a": 2}).should_store(False),
        "/publish/%s/%s/0/ch1/0/%s" % (P, S, encoded_json(["hi", "hi2"])),
        {"meta": "%7B%22a%22%3A%202%7D", "store": "0"}),
    "publish post": Case(Publish, lambda e: e.channel("ch1").message({"a": 1}).use_post(True),
                         "/publish/%s/%s/0/ch1/0" % (P, S), {}, HttpMethod.POST),
    "fire get": Case(Fire, lambda e: e.channel("ch").message("hi"),
                     Fire.FIRE_GET_PATH % (P, S, "ch", 0, "%22hi%22"), {"store": "0", "norep": "1"}),
    "fire meta": Case(Fire, lambda e: e.channel("ch").message(5).meta({"a": 2}),
                      Fire.FIRE_GET_PATH % (P, S, "ch", 0, "5"), {"meta": '{"a": 2}', "store": "0", "norep": "1"}),
    "fire post": Case(Fire, lambda e: e.channel("ch").message("hi").use_post(True),
                      Fire.FIRE_POST_PATH % (P, S, "ch", 0), {"store": "0", "norep": "1"}, HttpMethod.POST),
    "signal": Case(Signal, lambda e: e.channel("ch").message({"a": 1}),
                   Signal.SIGNAL_PATH % (P, S, "ch", "%7B%22a%22%3A%201%7D"), {}),
    "subscribe channels": Case(
        Subscribe, lambda e: e.channels("ch1,ch2").channels(["ch3"]),
        Subscribe.SUBSCRIBE_PATH % (S, "ch1,ch2,ch3"), {}, affected=["ch1", "ch2", "ch3"], affected_groups=[],
        private={"_channels": ["ch1", "ch2", "ch3"], "_groups": []}),
    "subscribe groups and options": Case(
        Subscribe, lambda e: e.channel_groups(["cg1", "cg2"]).filter_expression("blah").region("us-east-1")
        .timetoken("123"),
        Subscribe.SUBSCRIBE_PATH % (S, ","), {"channel-group": "cg1,cg2", "filter-expr": "blah", "tr": "us-east-1",
                                              "tt": "123"},
        affected=[], affected_groups=["cg1", "cg2"], private={"_channels": [], "_groups": ["cg1", "cg2"]}),
    "leave": Case(Leave, lambda e: e.channels("ch1,ch2").channel_groups(["gr1", "gr2"]),
                  Leave.LEAVE_PATH % (S, "ch1,ch2"), {"channel-group": "gr1,gr2"}, affected=["ch1", "ch2"],
                  affected_groups=["gr1", "gr2"], private={"_channels": ["ch1", "ch2"], "_groups": ["gr1", "gr2"]}),
    "heartbeat": Case(Heartbeat, lambda e: e.channels(["ch1", "ch2"]).channel_groups("gr1").state({"name": "Alex"}),
                      Heartbeat.HEARTBEAT_PATH % (S, "ch1,ch2"),
                      {"heartbeat": "300", "channel-group": "gr1", "state": "%7B%22name%22%3A%20%22Alex%22%7D"},
                      private={"_channels": ["ch1", "ch2"], "_groups": ["gr1"]}),
    "here now": Case(HereNow, lambda e: e.channels(["ch1", "ch2"]).include_state(True),
                     HereNow.HERE_NOW_PATH % (S, "ch1,ch2"), {"state": "1"}),
    "here now groups": Case(HereNow, lambda e: e.channel_groups("gr1,gr2").include_uuids(False),
                            HereNow.HERE_NOW_PATH % (S, ","), {"channel-group": "gr1,gr2", "disable_uuids": "1"}),
    "where now": Case(WhereNow, lambda e: e.uuid("person_uuid"), WhereNow.WHERE_NOW_PATH % (S, "person_uuid"), {}),
    "where now default": Case(WhereNow, lambda e: e, WhereNow.WHERE_NOW_PATH % (S, MOCK_UUID), {}),
    "get state": Case(GetState, lambda e: e.channels(["ch1", "ch2"]).channel_groups(["gr1", "gr2"]),
                      GetState.GET_STATE_PATH % (S, "ch1,ch2", MOCK_UUID), {"channel-group": "gr1,gr2"},
                      affected=["ch1", "ch2"], affected_groups=["gr1", "gr2"],
                      private={"_channels": ["ch1", "ch2"], "_groups": ["gr1", "gr2"]}),
    "get state of a uuid": Case(GetState, lambda e: e.channels("ch").uuid("other uuid"),
                                GetState.GET_STATE_PATH % (S, "ch", "other%20uuid"), {}, affected=["ch"],
                                affected_groups=[]),
    "set state": Case(SetState, lambda e: e.channels("ch1").channel_groups("gr").state({"name": "Alex", "count": 5}),
                      SetState.SET_STATE_PATH % (S, "ch1", MOCK_UUID),
                      {"state": "%7B%22name%22%3A%20%22Alex%22%2C%20%22count%22%3A%205%7D", "channel-group": "gr"},
                      affected=["ch1"], affected_groups=["gr"], private={"_channels": ["ch1"], "_groups": ["gr"]}),
    "history": Case(History, lambda e: e.channel("ch").start(100).end(200).reverse(False).count(5)
                    .include_timetoken(True),
                    History.HISTORY_PATH % (S, "ch"),
                    {"count": "5", "start": "100", "end": "200", "reverse": "false", "include_token": "true"}),
    "history count over the limit": Case(History, lambda e: e.channel("ch").count(500),
                                         History.HISTORY_PATH % (S, "ch"), {"count": "100"}),
    "delete messages": Case(HistoryDelete, lambda e: e.channel("ch").start(123).end(456),
                            HistoryDelete.HISTORY_DELETE_PATH % (S, "ch"), {"start": "123", "end": "456"},
                            HttpMethod.DELETE),
    "message count": Case(MessageCount, lambda e: e.channel("ch").channel_timetokens([15517035062228243]),
                          MessageCount.MESSAGE_COUNT_PATH % (S, "ch"), {"timetoken": "15517035062228243"}),
    "message counts": Case(MessageCount, lambda e: e.channel("ch1,ch2").channel_timetokens([11, 12]),
                           MessageCount.MESSAGE_COUNT_PATH % (S, "ch1,ch2"), {"channelsTimetoken": "11,12"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_endpoint_on_a_mocked_client(name: str) -> None:
    case = CASES[name]
    client = mocked_client()
    endpoint = case.cls(client)
    assert case.build(endpoint) is endpoint  # setters chain
    endpoint.validate_params()
    path = endpoint.build_path()
    params = endpoint.build_params_callback()({})
    assert_no_mock(path, params, endpoint.affected_channels(), endpoint.affected_channels_groups())
    assert path == case.path
    assert params == dict(case.params, pnsdk=SDK_NAME, uuid=MOCK_UUID)
    assert endpoint.http_method() == case.method
    assert HttpMethod.string(endpoint.http_method()) in ("GET", "POST", "DELETE", "PATCH")
    assert endpoint.affected_channels() == case.affected
    assert endpoint.affected_channels_groups() == case.affected_groups
    for attribute, value in case.private.items():
        assert getattr(endpoint, attribute) == value


def test_params_callback_merges_extra_params() -> None:
    params = Signal(mocked_client()).channel("ch").message(1).build_params_callback()({"extra": "1"})
    assert params == {"extra": "1", "pnsdk": SDK_NAME, "uuid": MOCK_UUID}


def test_pnsdk_is_url_encoded_and_uuid_raw_in_the_params_view() -> None:
    client = mocked_client(uuid="my uuid+1")
    client.sdk_name = "PubNub-Python/4.8.1"
    params = Signal(client).channel("ch").message(1).build_params_callback()({})
    assert params["pnsdk"] == "PubNub-Python%2F4.8.1"
    assert params["uuid"] == "my uuid+1"


def test_publish_sequence_comes_from_the_client_when_sent() -> None:
    client = mocked_client()
    client._publish_sequence_manager.get_next_sequence.return_value = 17
    endpoint = Publish(client).channel("ch").message(1)
    assert "seqn" not in endpoint.build_params_callback()({})
    assert dict(parse_qsl(urlsplit(endpoint.build_request().url).query))["seqn"] == "17"


def test_publish_post_body_is_the_json_message() -> None:
    endpoint = Publish(mocked_client()).channel("ch1").message({"a": 1}).use_post(True)
    assert endpoint.build_data() == '{"a": 1}'


def _fixed_iv_ciphertext(cipher_key: str, plaintext: str) -> str:
    """Independent legacy message encryption (CORE §5.1): fixed IV, PKCS#7, base64."""
    key = hashlib.sha256(cipher_key.encode("utf-8")).hexdigest()[:32].encode("ascii")
    data = plaintext.encode("utf-8")
    pad = 16 - len(data) % 16
    cipher = AES.new(key, AES.MODE_CBC, b"0123456789012345")
    return b64encode(cipher.encrypt(data + bytes([pad]) * pad)).decode("ascii")


def test_publish_with_a_cipher_key_sends_the_ciphertext_as_a_json_string() -> None:
    config = pnconf_copy()
    config.cipher_key = "testCipher"
    endpoint = Publish(mocked_client(config)).channel("ch1").message(["hi", "hi2", "hi3"])
    ciphertext = _fixed_iv_ciphertext("testCipher", '["hi", "hi2", "hi3"]')
    assert endpoint.build_path() == "/publish/%s/%s/0/ch1/0/%s" % (P, S, utils.url_encode('"%s"' % ciphertext))


def test_known_ciphertext_of_the_protocol_document() -> None:
    assert _fixed_iv_ciphertext("myCipherKey", '"hello"') == "tEjX0ir9ImpBqBYowXnryw=="


def test_auth_key_is_added_to_data_calls() -> None:
    config = pnconf_copy()
    config.auth_key = "my auth"
    params = HereNow(mocked_client(config)).channels("ch").build_params_callback()({})
    assert params == {"pnsdk": SDK_NAME, "uuid": MOCK_UUID, "auth": "my auth"}


def test_subscribe_sends_heartbeat_once_a_presence_timeout_is_set() -> None:
    client = mocked_client()
    client.config.set_presence_timeout(20)
    params = Subscribe(client).channels("ch").build_params_callback()({})
    assert str(params["heartbeat"]) == "20"
    assert_no_mock(params)


def test_heartbeat_uses_the_presence_timeout_set_after_creating_it() -> None:
    client = mocked_client()
    endpoint = Heartbeat(client).channels("ch")
    client.config.set_presence_timeout(20)
    assert endpoint.build_params_callback()({}) == {"heartbeat": "20", "pnsdk": SDK_NAME, "uuid": MOCK_UUID}


def test_get_state_uuid_set_on_the_mock_after_creating_the_endpoint() -> None:
    client = mocked_client(uuid=None)
    get_state = GetState(client).channels("ch")
    client.uuid = "late-uuid"
    assert get_state.build_path() == GetState.GET_STATE_PATH % (S, "ch", "late-uuid")


@pytest.mark.parametrize("build, error", [
    (lambda c: Subscribe(c), PNERR_CHANNEL_OR_GROUP_MISSING),
    (lambda c: Leave(c), PNERR_CHANNEL_OR_GROUP_MISSING),
    (lambda c: Heartbeat(c), PNERR_CHANNEL_OR_GROUP_MISSING),
    (lambda c: Publish(c).channel("ch"), PNERR_MESSAGE_MISSING),
    (lambda c: WhereNow(c).uuid(None), PNERR_UUID_MISSING),
])
def test_validation_errors(build: Callable[[Any], Any], error: str) -> None:
    with pytest.raises(PubNubException) as raised:
        build(mocked_client()).validate_params()
    assert raised.value._pn_error == error
    assert str(raised.value) == error
