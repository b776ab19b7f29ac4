"""4.x functional tests build endpoints around a ``MagicMock(spec=PubNub)`` that only sets
``config``, ``sdk_name``, ``uuid``, ``timestamp()``, the publish sequence manager and a real
telemetry manager. Nothing else of the client may be read while paths and params are built."""
from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from pubnub.endpoints.fetch_messages import FetchMessages
from pubnub.endpoints.history import History
from pubnub.endpoints.history_delete import HistoryDelete
from pubnub.endpoints.message_count import MessageCount
from pubnub.endpoints.pubsub.fire import Fire
from pubnub.endpoints.signal import Signal
from pubnub.managers import PublishSequenceManager, TelemetryManager
from pubnub.pubnub_core import PubNubCore
from pubnub.utils import url_encode

from ..support import make_config

SDK_NAME = "PubNub-Python/4.8.1"


@pytest.fixture
def mocked():
    pubnub = MagicMock(spec=PubNubCore)
    pubnub.config = make_config(uuid="mocked-uuid")
    pubnub.sdk_name = SDK_NAME
    pubnub.uuid = "mocked-uuid"
    pubnub.timestamp = MagicMock(return_value=123)
    pubnub._publish_sequence_manager = PublishSequenceManager(65535)
    pubnub._telemetry_manager = TelemetryManager()
    return pubnub


COMMON = {"pnsdk": url_encode(SDK_NAME), "uuid": "mocked-uuid"}

CASES = [
    (lambda p: Fire(p).channel("ch1").message("hi"),
     Fire.FIRE_GET_PATH % ("pub-c-test", "sub-c-test", "ch1", 0, "%22hi%22"), {"store": "0", "norep": "1"}),
    (lambda p: Fire(p).channel("ch1").message("hi").use_post(True).meta({"a": 2, "b": "qwer"}),
     Fire.FIRE_POST_PATH % ("pub-c-test", "sub-c-test", "ch1", 0),
     {"meta": '{"a": 2, "b": "qwer"}', "store": "0", "norep": "1"}),
    (lambda p: Signal(p).channel("chan").message("test"),
     Signal.SIGNAL_PATH % ("pub-c-test", "sub-c-test", "chan", "%22test%22"), {}),
    (lambda p: History(p).channel("ch"), History.HISTORY_PATH % ("sub-c-test", "ch"), {"count": "100"}),
    (lambda p: History(p).channel("ch").start(100000).end(200000).reverse(False).count(3).include_timetoken(True),
     History.HISTORY_PATH % ("sub-c-test", "ch"),
     {"count": "3", "start": "100000", "end": "200000", "reverse": "false", "include_token": "true"}),
    (lambda p: HistoryDelete(p).channel("ch").start(100000).end(200000),
     HistoryDelete.HISTORY_DELETE_PATH % ("sub-c-test", "ch"), {"start": "100000", "end": "200000"}),
    (lambda p: MessageCount(p).channel("ch").channel_timetokens([11]),
     MessageCount.MESSAGE_COUNT_PATH % ("sub-c-test", "ch"), {"timetoken": "11"}),
    (lambda p: MessageCount(p).channel("ch1,ch2").channel_timetokens([11, 12]),
     MessageCount.MESSAGE_COUNT_PATH % ("sub-c-test", "ch1,ch2"), {"channelsTimetoken": "11,12"}),
    (lambda p: FetchMessages(p).channels("ch1"),
     FetchMessages.FETCH_MESSAGES_PATH % ("sub-c-test", "ch1"), {"max": 100, "include_meta": "false"}),
]


@pytest.mark.parametrize(("build", "path", "params"), CASES)
def test_path_and_params_on_a_mocked_client(mocked, build, path, params):
    endpoint = build(mocked)
    endpoint.validate_params()
    assert endpoint.build_path() == path
    assert endpoint.build_params_callback()({}) == dict(params, **COMMON)
    assert endpoint.affected_channels() is None
    assert endpoint.affected_channels_groups() is None
