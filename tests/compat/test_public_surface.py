"""The 4.8.1 import surface used by this issue's features (shared/compat/IMPORTS.md, CORE §1-§9).

Import paths, names, configuration defaults, result models, endpoint classes with their path
constants, ``pubnub.utils`` and ``pubnub.crypto`` helpers, logging and the ``pnsdk`` value.
"""
from __future__ import annotations

import copy
import datetime
import importlib
import logging
import re
from typing import Any, List
from unittest.mock import MagicMock

import pytest
from tornado.ioloop import IOLoop

import pubnub
from pubnub import utils
from pubnub.crypto import PubNubCryptodome
from pubnub.enums import PNHeartbeatNotificationOptions, PNReconnectionPolicy, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.managers import PublishSequenceManager, TelemetryManager
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.pn_error_data import PNErrorData
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope
from pubnub.structures import Envelope

NAMES = {
    "pubnub": ["set_stream_logger", "utils", "PUBNUB_ROOT"],
    "pubnub.pnconfiguration": ["PNConfiguration"],
    "pubnub.pubnub_tornado": ["PubNubTornado", "TornadoEnvelope", "PubNubTornadoException", "SubscribeListener",
                              "TornadoPublishSequenceManager", "TornadoTelemetryManager",
                              "TornadoSubscriptionManager"],
    "pubnub.pubnub": ["PubNub", "SubscribeListener", "NonSubscribeListener", "NativeSubscriptionManager",
                      "NativeTelemetryManager", "NativePublishSequenceManager"],
    "pubnub.pubnub_core": ["PubNubCore"],
    "pubnub.builders": ["PubSubBuilder", "SubscribeBuilder", "UnsubscribeBuilder"],
    "pubnub.callbacks": ["SubscribeCallback", "ReconnectionCallback"],
    "pubnub.dtos": ["SubscribeOperation", "UnsubscribeOperation", "StateOperation"],
    "pubnub.structures": ["Envelope", "ResponseInfo", "RequestOptions", "PlatformOptions"],
    "pubnub.exceptions": ["PubNubException"],
    "pubnub.crypto": ["PubNubCryptodome", "PubNubFileCrypto", "PubNubCrypto"],
    "pubnub.crypto_core": ["PubNubCrypto"],
    "pubnub.crypto_legacy": ["PubNubCryptoLegacy"],
    "pubnub.request_handlers.base": ["BaseRequestHandler"],
    "pubnub.request_handlers.requests_handler": ["RequestsRequestHandler"],
    "pubnub.request_handlers.urllib2_handler": ["Urllib2RequestHandler"],
    "pubnub.managers": ["TelemetryManager", "PublishSequenceManager", "BasePathManager", "TokenManager",
                        "TokenManagerProperties", "SubscriptionManager", "ListenerManager"],
    "pubnub.models.subscription_item": ["SubscriptionItem"],
    "pubnub.models.server.subscribe": ["SubscribeEnvelope", "SubscribeMessage", "SubscribeMetadata",
                                       "PresenceEnvelope", "PublishMetadata"],
    "pubnub.enums": ["HttpMethod", "PNStatusCategory", "PNOperationType", "PNReconnectionPolicy",
                     "PNHeartbeatNotificationOptions", "PNPushType", "PNPushEnvironment", "PNResourceType",
                     "PNMatchType"],
    "pubnub.utils": ["url_encode", "write_value_as_string", "uuid", "prepare_pam_arguments", "sign_sha256",
                     "build_url", "join_items_and_encode", "is_subscribed_event", "is_unsubscribed_event"],
    "pubnub.endpoints.endpoint": ["Endpoint"],
    "pubnub.endpoints.time": ["Time"],
    "pubnub.endpoints.pubsub.publish": ["Publish"],
    "pubnub.endpoints.pubsub.fire": ["Fire"],
    "pubnub.endpoints.signal": ["Signal"],
    "pubnub.endpoints.history": ["History"],
    "pubnub.endpoints.history_delete": ["HistoryDelete"],
    "pubnub.endpoints.message_count": ["MessageCount"],
    "pubnub.endpoints.fetch_messages": ["FetchMessages"],
    "pubnub.endpoints.message_actions.add_message_action": ["AddMessageAction"],
    "pubnub.endpoints.message_actions.get_message_actions": ["GetMessageActions"],
    "pubnub.endpoints.message_actions.remove_message_action": ["RemoveMessageAction"],
    "pubnub.models.consumer.common": ["PNStatus"],
    "pubnub.models.consumer.pn_error_data": ["PNErrorData"],
    "pubnub.models.consumer.pubsub": ["PNPublishResult", "PNFireResult", "PNMessageResult"],
    "pubnub.models.consumer.signal": ["PNSignalResult"],
    "pubnub.models.consumer.time": ["PNTimeResponse"],
    "pubnub.models.consumer.history": ["PNHistoryResult", "PNHistoryItemResult", "PNFetchMessagesResult",
                                       "PNFetchMessageItem"],
    "pubnub.models.consumer.message_count": ["PNMessageCountResult"],
    "pubnub.models.consumer.message_actions": ["PNMessageAction", "PNAddMessageActionResult",
                                               "PNGetMessageActionsResult", "PNRemoveMessageActionResult"],
}

PATH_CONSTANTS = [
    ("pubnub.endpoints.time", "Time", "TIME_PATH", "/time/0"),
    ("pubnub.endpoints.pubsub.publish", "Publish", "PUBLISH_GET_PATH", "/publish/%s/%s/0/%s/%s/%s"),
    ("pubnub.endpoints.pubsub.publish", "Publish", "PUBLISH_POST_PATH", "/publish/%s/%s/0/%s/%s"),
    ("pubnub.endpoints.pubsub.fire", "Fire", "FIRE_GET_PATH", "/publish/%s/%s/0/%s/%s/%s"),
    ("pubnub.endpoints.pubsub.fire", "Fire", "FIRE_POST_PATH", "/publish/%s/%s/0/%s/%s"),
    ("pubnub.endpoints.signal", "Signal", "SIGNAL_PATH", "/signal/%s/%s/0/%s/0/%s"),
    ("pubnub.endpoints.history", "History", "HISTORY_PATH", "/v2/history/sub-key/%s/channel/%s"),
    ("pubnub.endpoints.history_delete", "HistoryDelete", "HISTORY_DELETE_PATH", "/v3/history/sub-key/%s/channel/%s"),
    ("pubnub.endpoints.message_count", "MessageCount", "MESSAGE_COUNT_PATH",
     "/v3/history/sub-key/%s/message-counts/%s"),
    ("pubnub.endpoints.message_actions.add_message_action", "AddMessageAction", "ADD_MESSAGE_ACTION_PATH",
     "/v1/message-actions/%s/channel/%s/message/%s"),
    ("pubnub.endpoints.message_actions.get_message_actions", "GetMessageActions", "GET_MESSAGE_ACTIONS_PATH",
     "/v1/message-actions/%s/channel/%s"),
    ("pubnub.endpoints.message_actions.remove_message_action", "RemoveMessageAction", "REMOVE_MESSAGE_ACTION_PATH",
     "/v1/message-actions/%s/channel/%s/message/%s/action/%s"),
]

# client factory method -> (endpoint module, class, operation type)
FACTORIES = {
    "time": ("pubnub.endpoints.time", "Time", 17),
    "publish": ("pubnub.endpoints.pubsub.publish", "Publish", 3),
    "fire": ("pubnub.endpoints.pubsub.fire", "Fire", 25),
    "signal": ("pubnub.endpoints.signal", "Signal", 26),
    "history": ("pubnub.endpoints.history", "History", 4),
    "fetch_messages": ("pubnub.endpoints.fetch_messages", "FetchMessages", 45),
    "message_counts": ("pubnub.endpoints.message_count", "MessageCount", 24),
    "delete_messages": ("pubnub.endpoints.history_delete", "HistoryDelete", 23),
    "add_message_action": ("pubnub.endpoints.message_actions.add_message_action", "AddMessageAction", 42),
    "get_message_actions": ("pubnub.endpoints.message_actions.get_message_actions", "GetMessageActions", 43),
    "remove_message_action": ("pubnub.endpoints.message_actions.remove_message_action", "RemoveMessageAction", 44),
}

ENDPOINT_METHODS = ("build_path", "build_params_callback", "validate_params", "http_method", "operation_type",
                    "name", "affected_channels", "affected_channels_groups", "is_auth_required", "request_timeout",
                    "connect_timeout", "create_response", "pn_async", "future", "result", "sync")


@pytest.mark.parametrize("module", list(NAMES))
def test_names_are_importable(module: str) -> None:
    loaded = importlib.import_module(module)
    missing = [name for name in NAMES[module] if not hasattr(loaded, name)]
    assert missing == [], "%s lacks %s" % (module, missing)


@pytest.mark.parametrize("module, cls, constant, value", PATH_CONSTANTS)
def test_endpoint_path_constants(module: str, cls: str, constant: str, value: str) -> None:
    assert getattr(getattr(importlib.import_module(module), cls), constant) == value


@pytest.mark.parametrize("factory", list(FACTORIES))
def test_client_factories_return_the_endpoint_classes(io_loop: Any, factory: str) -> None:
    module, cls, operation = FACTORIES[factory]
    endpoint = getattr(PubNubTornado(_config(), custom_ioloop=io_loop), factory)()
    assert type(endpoint) is getattr(importlib.import_module(module), cls)
    assert endpoint.operation_type() == operation
    missing = [name for name in ENDPOINT_METHODS if not callable(getattr(endpoint, name, None))]
    assert missing == []


def _config() -> PNConfiguration:
    config = PNConfiguration()
    config.publish_key = "pub-c-test"
    config.subscribe_key = "sub-c-test"
    config.uuid = "test-uuid"
    return config


# ----- configuration -------------------------------------------------------------------------
CONFIG_DEFAULTS = {
    "uuid": None, "origin": "ps.pndsn.com", "ssl": True, "connect_timeout": 10,
    "non_subscribe_request_timeout": 10, "subscribe_request_timeout": 310, "subscribe_key": None,
    "publish_key": None, "secret_key": None, "cipher_key": None, "auth_key": None, "filter_expression": None,
    "enable_subscribe": True, "enable_presence_heartbeat": False,
    "heartbeat_notification_options": PNHeartbeatNotificationOptions.FAILURES,
    "reconnect_policy": PNReconnectionPolicy.NONE, "use_random_initialization_vector": False,
    "suppress_leave_events": False, "disable_token_manager": False, "daemon": False, "log_verbosity": False,
    "presence_timeout": 300, "heartbeat_interval": 280, "heartbeat_default_values": True,
    "subscribe_timeout": 310,
}


def test_subscribe_timeout_is_the_documented_name_of_subscribe_request_timeout() -> None:
    """The Tornado configuration page names it ``subscribe_timeout``; 4.8.1 ``subscribe_request_timeout``:
    both set and read the one setting."""
    config = PNConfiguration()
    config.subscribe_timeout = 20
    assert config.subscribe_request_timeout == 20
    config.subscribe_request_timeout = 30
    assert config.subscribe_timeout == 30


@pytest.mark.parametrize("name, value", list(CONFIG_DEFAULTS.items()))
def test_configuration_defaults(name: str, value: Any) -> None:
    assert getattr(PNConfiguration(), name) == value


def test_configuration_behaviour(io_loop: Any) -> None:
    config = PNConfiguration()
    assert config.scheme() == "https" and config.host() == "ps.pndsn.com"
    config.ssl = False
    config.origin = None
    assert config.scheme() == "http" and config.host() == "pubsub.pubnub.com"
    config.set_presence_timeout(120)
    assert (config.presence_timeout, config.heartbeat_interval, config.heartbeat_default_values) == (120, 59.0, False)
    config.set_presence_timeout_with_custom_interval(100, 30)
    assert (config.presence_timeout, config.heartbeat_interval) == (100, 30)

    original = _config()
    copied = copy.copy(original)
    copied.uuid = "other"
    copied.auth_key = "auth"
    assert (original.uuid, original.auth_key) == ("test-uuid", None)

    anonymous = PNConfiguration()
    PubNubTornado(anonymous, custom_ioloop=io_loop)
    assert anonymous.uuid is not None
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", anonymous.uuid)


# ----- the Tornado client's own surface ------------------------------------------------------------
def test_start_and_stop_run_the_ioloop() -> None:
    loop = IOLoop(make_current=False)
    try:
        client = PubNubTornado(_config(), custom_ioloop=loop)
        assert client.ioloop is loop
        ran: List[bool] = []

        def stop_from_inside() -> None:
            ran.append(True)
            client.stop()
        loop.add_callback(stop_from_inside)
        client.start()  # returns only because stop() was called on the running loop
        assert ran == [True]
    finally:
        loop.close(all_fds=True)


def test_envelope_and_exception_values() -> None:
    status = PNStatus()
    envelope = TornadoEnvelope("result", status)
    assert (envelope.result, envelope.status, envelope.is_error()) == ("result", status, False)
    assert isinstance(envelope, Envelope)

    error = PubNubException(errormsg="{}", status_code=400, pn_error="HTTP Client Error")
    status.error = True
    status.error_data = PNErrorData(str(error), error)
    failed = PubNubTornadoException(None, status)
    assert failed.is_error() is True and failed.value() is error
    assert (failed.result, failed.status) == (None, status) and str(failed) == "HTTP Client Error (400): {}"


# ----- client identity, logging ------------------------------------------------------------------
def test_pnsdk_and_user_agent(io_loop: Any) -> None:
    client = PubNubTornado(_config(), custom_ioloop=io_loop)
    assert client.sdk_name == "PubNub-Python-Tornado/4.9.0"
    assert client.version == pubnub.__version__ == "4.9.0"
    request = client.time().build_request()
    assert "pnsdk=PubNub-Python-Tornado%2F4.9.0" in request.url and "uuid=test-uuid" in request.url
    assert request.headers["User-Agent"] == "PubNub-Python-Tornado/4.9.0"


def test_set_stream_logger() -> None:
    logger = logging.getLogger("pubnub")
    before_level, before_handlers = logger.level, list(logger.handlers)
    try:
        pubnub.set_stream_logger("pubnub", logging.DEBUG)
        added = [h for h in logger.handlers if h not in before_handlers]
        assert logger.level == logging.DEBUG
        assert len(added) == 1 and isinstance(added[0], logging.StreamHandler)
    finally:
        logger.handlers[:] = before_handlers
        logger.setLevel(before_level)


def test_library_loggers_are_named_pubnub() -> None:
    for module in ("pubnub._outcome", "pubnub.pubnub_tornado", "pubnub._transport.tornado", "pubnub.pubnub_core"):
        logger = importlib.import_module(module).logger
        assert logger.name == "pubnub" or logger.name.startswith("pubnub."), module


# ----- endpoints built around a mocked client (the 4.x functional-test pattern) -----------------
def _mock_client() -> Any:
    client = MagicMock(spec=PubNubTornado)
    client.config = _config()
    client.sdk_name = "PubNub-Python/4.8.1"
    client.uuid = "test-uuid"
    client.timestamp = MagicMock(return_value=1600000000)
    client._publish_sequence_manager = PublishSequenceManager(65535)
    client._telemetry_manager = TelemetryManager()
    return client


@pytest.mark.parametrize("make, path", [
    (lambda c: importlib.import_module("pubnub.endpoints.history").History(c).channel("ch").count(10),
     "/v2/history/sub-key/sub-c-test/channel/ch"),
    (lambda c: importlib.import_module("pubnub.endpoints.history_delete").HistoryDelete(c).channel("ch"),
     "/v3/history/sub-key/sub-c-test/channel/ch"),
    (lambda c: importlib.import_module("pubnub.endpoints.message_count").MessageCount(c).channel("ch")
     .channel_timetokens([15510379559483741]), "/v3/history/sub-key/sub-c-test/message-counts/ch"),
    (lambda c: importlib.import_module("pubnub.endpoints.pubsub.fire").Fire(c).channel("ch").message("hi"),
     "/publish/pub-c-test/sub-c-test/0/ch/0/%22hi%22"),
    (lambda c: importlib.import_module("pubnub.endpoints.pubsub.publish").Publish(c).channel("ch").message("hi"),
     "/publish/pub-c-test/sub-c-test/0/ch/0/%22hi%22"),
    (lambda c: importlib.import_module("pubnub.endpoints.signal").Signal(c).channel("ch").message("hi"),
     "/signal/pub-c-test/sub-c-test/0/ch/0/%22hi%22"),
], ids=["History", "HistoryDelete", "MessageCount", "Fire", "Publish", "Signal"])
def test_endpoints_on_a_mocked_client(make: Any, path: str) -> None:
    endpoint = make(_mock_client())
    endpoint.validate_params()
    assert endpoint.build_path() == path
    params = endpoint.build_params_callback()({"extra": "1"})
    assert params["pnsdk"] == "PubNub-Python%2F4.8.1" and params["uuid"] == "test-uuid" and params["extra"] == "1"
    assert endpoint.affected_channels() is None and endpoint.affected_channels_groups() is None


# ----- result models -------------------------------------------------------------------------------
def test_publish_fire_signal_time_models() -> None:
    from pubnub.models.consumer.pubsub import PNFireResult, PNPublishResult
    from pubnub.models.consumer.signal import PNSignalResult
    from pubnub.models.consumer.time import PNTimeResponse

    published = PNPublishResult([1, "Sent", "14820999261239656"], 14820999261239656)
    assert published.timetoken == 14820999261239656
    assert str(published) == "Publish success with timetoken 14820999261239656"
    fired = PNFireResult([1, "Sent", "15549250946019633"], 15549250946019633)
    assert str(fired) == "Fire success with timetoken 15549250946019633"
    signalled = PNSignalResult([1, "Sent", "15640051159323676"])
    assert signalled.timetoken == "15640051159323676"
    assert str(signalled) == "Signal success with timetoken 15640051159323676"
    now = PNTimeResponse([14818963707386265])
    assert (now.value_as_int, now.value_as_string, int(now), str(now)) == (
        14818963707386265, "14818963707386265", 14818963707386265, "14818963707386265")
    assert now.date_time() == datetime.date.fromtimestamp(1481896370.7386265)


def test_history_and_count_models() -> None:
    from pubnub.models.consumer.history import (
        PNFetchMessageItem,
        PNFetchMessagesResult,
        PNHistoryItemResult,
        PNHistoryResult,
    )
    from pubnub.models.consumer.message_count import PNMessageCountResult

    item = PNHistoryItemResult("hey-0", None, 14820999261239656, {"a": 1})
    history = PNHistoryResult([item], 14820999261239656, 14820999264622346)
    assert (history.messages[0].entry, history.messages[0].timetoken, history.messages[0].meta) == (
        "hey-0", 14820999261239656, {"a": 1})
    assert (history.start_timetoken, history.end_timetoken) == (14820999261239656, 14820999264622346)
    fetched = PNFetchMessageItem("hey", "16075188549737167", "", {"reaction": {"smile": []}})
    assert (fetched.message, fetched.timetoken, fetched.meta, fetched.actions) == (
        "hey", "16075188549737167", "", {"reaction": {"smile": []}})
    result = PNFetchMessagesResult({"ch": [fetched]}, None, None)
    assert result.channels["ch"] == [fetched] and result.start_timetoken is None and result.end_timetoken is None
    counts = PNMessageCountResult({"status": 200, "error": False, "error_message": "",
                                   "channels": {"unique_sync_1": 1, "unique_sync_2": 0}})
    assert counts.channels == {"unique_sync_1": 1, "unique_sync_2": 0}


def test_message_action_models() -> None:
    from pubnub.models.consumer.message_actions import (
        PNAddMessageActionResult,
        PNGetMessageActionsResult,
        PNMessageAction,
        PNRemoveMessageActionResult,
    )

    wire = {"type": "reaction", "value": "smiley_face", "actionTimetoken": "15610547826970050",
            "messageTimetoken": "15610547826969050", "uuid": "testUser"}
    fields = {"type": "reaction", "value": "smiley_face", "message_timetoken": "15610547826969050",
              "uuid": "testUser", "action_timetoken": "15610547826970050"}
    assert vars(PNMessageAction(wire)) == fields
    assert vars(PNAddMessageActionResult(wire)) == fields
    empty = PNMessageAction()
    assert vars(empty) == dict.fromkeys(fields)
    got = PNGetMessageActionsResult({"status": 200, "data": [wire]})
    assert len(got.actions) == 1 and isinstance(got.actions[0], PNMessageAction)
    assert got.actions[0] == wire and got.actions[0]["actionTimetoken"] == "15610547826970050"
    assert PNRemoveMessageActionResult() == {}


# ----- pubnub.utils and pubnub.crypto -------------------------------------------------------------
def test_utils_helpers() -> None:
    assert utils.url_encode("my ch,1/ä") == "my%20ch%2C1%2F%C3%A4"
    assert utils.url_encode("a+b~c d") == "a%2Bb~c%20d"
    assert utils.write_value_as_string({"online": True, "name": "Alex"}) == '{"online": true, "name": "Alex"}'
    assert utils.write_value_as_string([1, 2]) == "[1, 2]" and utils.write_value_as_string("hi") == '"hi"'
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", utils.uuid())
    assert utils.join_items_and_encode(["ch1", "ch 2"]) == "ch1,ch%202"
    assert utils.build_url("https", "ps.pndsn.com", "/time/0", "uuid=u") == "https://ps.pndsn.com/time/0?uuid=u"
    canonical = utils.prepare_pam_arguments({"meta": '{"color": "red"}', "store": "1", "seqn": "1",
                                             "pnsdk": "PubNub-Python/4.8.1", "uuid": "test-uuid",
                                             "timestamp": "1600000000"})
    assert canonical == ("meta=%7B%22color%22%3A%20%22red%22%7D&pnsdk=PubNub-Python%2F4.8.1&seqn=1&store=1"
                         "&timestamp=1600000000&uuid=test-uuid")
    string_to_sign = ("GET\npub-c-test-publish-key\n/publish/pub-c-test-publish-key/sub-c-test-subscribe-key/0/"
                      "my%20channel/0/%7B%22text%22%3A%20%22hello%20world%22%7D\n" + canonical + "\n")
    assert utils.sign_sha256("sec-c-test-secret-key", string_to_sign) == "Tv_5slooSRlN5NxwIYyHxKILWjKy4NNjqDIIjktyFTQ="
    connected, ack = PNStatus(), PNStatus()
    connected.category = PNStatusCategory.PNConnectedCategory
    ack.category, ack.operation = PNStatusCategory.PNAcknowledgmentCategory, 2
    assert utils.is_subscribed_event(connected) and not utils.is_subscribed_event(ack)
    assert utils.is_unsubscribed_event(ack) and not utils.is_unsubscribed_event(connected)


def test_cryptodome_api() -> None:
    crypto = PubNubCryptodome(PNConfiguration())
    assert crypto.encrypt("myCipherKey", '"hello"') == "tEjX0ir9ImpBqBYowXnryw=="
    assert crypto.decrypt("myCipherKey", "tEjX0ir9ImpBqBYowXnryw==") == "hello"
    assert crypto.decrypt("testKey", "QfD1NCBJCmt1aPPGU2cshw==") == "hey-0"
    assert crypto.decrypt("myCipherKey", "JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI=") == {"text": "hello world"}
    assert crypto.get_initialization_vector(False) == "0123456789012345"
    assert re.fullmatch(r"\d{16}", crypto.get_initialization_vector(True))
    recorded = "NDgyMTAzOTU3NjI1MTIzNGOCoMYv6eFjxSyni9Zt9T4="
    assert crypto.decrypt("myCipherKey", recorded, use_random_iv=True) == "hello"
    sealed = crypto.encrypt("myCipherKey", '{"a": 1}', use_random_iv=True)
    assert crypto.decrypt("myCipherKey", sealed, use_random_iv=True) == {"a": 1}
    assert crypto.append_random_iv(b"cipher", True, b"4821039576251234") == b"4821039576251234cipher"
    assert crypto.extract_random_iv(b"4821039576251234cipher", True) == (b"4821039576251234", b"cipher")
    assert crypto.extract_random_iv(b"cipher", False) == (b"0123456789012345", b"cipher")


# ----- the rest of the 4.8.1 module surface (issue 10, part 2) -------------------------------------
def test_reconnection_callback_interface() -> None:
    from pubnub.callbacks import ReconnectionCallback

    class Told(ReconnectionCallback):
        def __init__(self) -> None:
            self.times = 0

        def on_reconnect(self) -> None:
            self.times += 1
    told = Told()
    told.on_reconnect()
    assert told.times == 1 and ReconnectionCallback().on_reconnect() is None


def test_dtos_and_subscription_item() -> None:
    from pubnub.dtos import StateOperation, SubscribeOperation, UnsubscribeOperation
    from pubnub.models.subscription_item import SubscriptionItem

    operation = SubscribeOperation(channels=["a"], channel_groups=["g"], presence_enabled=True, timetoken=15)
    assert (operation.channels, operation.channel_groups, operation.presence_enabled, operation.timetoken) == (
        ["a"], ["g"], True, 15)
    assert UnsubscribeOperation(channels=["a"], channel_groups=[]).channels == ["a"]
    assert StateOperation(channels=["a"], channel_groups=[], state={"k": 1}).state == {"k": 1}
    item = SubscriptionItem(name="a", state={"k": 1})
    assert (item.name, item.state) == ("a", {"k": 1}) and SubscriptionItem().name is None


def test_server_subscribe_models_read_a_recorded_response() -> None:
    from pubnub.models.server.subscribe import PresenceEnvelope, SubscribeEnvelope

    # protocol/CORE.md §6.4, recorded (4.8.1 Tornado test), plus a presence event and meta
    body = {"t": {"t": "14818869633017084", "r": 12}, "m": [
        {"a": "2", "f": 0, "i": "18aa1154", "s": 1, "p": {"t": "14818869633015166", "r": 12},
         "k": "sub-c-33f5", "c": "subscribe-tornado-ch", "d": "hey", "u": {"m": 1}},
        {"a": "2", "f": 0, "p": {"t": "14818963587725382", "r": 2}, "k": "sub-c-33f5", "c": "ch-pnpres",
         "d": {"action": "join", "timestamp": 1481896358, "uuid": "listener", "occupancy": 1}, "b": "ch-pnpres"},
    ]}
    envelope = SubscribeEnvelope.from_json(body)
    assert (envelope.metadata.timetoken, envelope.metadata.region) == ("14818869633017084", 12)
    first, second = envelope.messages
    assert (first.shard, first.channel, first.payload, first.flags, first.issuing_client_id, first.subscribe_key,
            first.subscription_match, first.type, first.user_metadata) == (
        "2", "subscribe-tornado-ch", "hey", 0, "18aa1154", "sub-c-33f5", None, 0, {"m": 1})
    assert (first.publish_metadata.publish_timetoken, first.publish_metadata.region) == ("14818869633015166", 12)
    assert second.subscription_match == "ch-pnpres" and second.issuing_client_id is None
    presence = PresenceEnvelope.from_json_payload(second.payload)
    assert (presence.action, presence.uuid, presence.occupancy, presence.timestamp, presence.data) == (
        "join", "listener", 1, 1481896358, None)
    without_flags = {"c": "x", "d": 1, "k": "k", "p": {"t": "1", "r": 1}}  # "f" is required, as in 4.8.1
    with pytest.raises(KeyError):
        SubscribeEnvelope.from_json({"t": {"t": "1", "r": 1}, "m": [without_flags]})


def test_managers_module_names() -> None:
    import pubnub.managers as managers
    from pubnub._subscription import SubscriptionManager
    from pubnub._subscription_dispatch import ListenerManager

    assert managers.SubscriptionManager is SubscriptionManager and managers.ListenerManager is ListenerManager
    config = _config()
    config.origin = "127.0.0.1:8080"
    assert managers.BasePathManager(config).get_base_path() == "127.0.0.1:8080"
    with pytest.raises(AttributeError):
        managers.NoSuchManager  # noqa: B018


def test_clients_use_their_4x_manager_classes(io_loop: Any) -> None:
    import threading

    from pubnub.pubnub import NativePublishSequenceManager, PubNub
    from pubnub.pubnub_tornado import (
        TornadoPublishSequenceManager,
        TornadoSubscriptionManager,
        TornadoTelemetryManager,
    )

    tornado_client = PubNubTornado(_config(), custom_ioloop=io_loop)
    assert type(tornado_client._publish_sequence_manager) is TornadoPublishSequenceManager
    assert type(tornado_client._telemetry_manager) is TornadoTelemetryManager
    assert type(tornado_client._subscription_manager) is TornadoSubscriptionManager
    plain = PubNub(_config())
    manager = plain._publish_sequence_manager
    assert type(manager) is NativePublishSequenceManager

    got: List[int] = []
    lock = threading.Lock()

    def take() -> None:
        numbers = [manager.get_next_sequence() for _ in range(2000)]
        with lock:
            got.extend(numbers)
    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(got) == list(range(1, 8001))  # no number handed out twice


def test_client_base_origin_and_request_deferred(io_loop: Any) -> None:
    from pubnub.errors import PNERR_DEFERRED_NOT_IMPLEMENTED
    from pubnub.pubnub import PubNub

    config = _config()
    config.origin = "127.0.0.1:9"
    for client in (PubNub(config), PubNubTornado(config, custom_ioloop=io_loop)):
        assert client.base_origin == "127.0.0.1:9"
        endpoint = client.time()
        with pytest.raises(PubNubException) as raised:
            client.request_deferred(endpoint)
        assert raised.value.pn_error == PNERR_DEFERRED_NOT_IMPLEMENTED
        with pytest.raises(PubNubException) as raised:
            endpoint.deferred()
        assert raised.value.pn_error == PNERR_DEFERRED_NOT_IMPLEMENTED
