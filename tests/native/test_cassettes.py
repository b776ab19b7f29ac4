"""The plain client replaying VCR cassettes (fixtures/native/): HTTP goes through requests/urllib3.

The origin is a closed local port, so a request the cassette does not hold fails instead of
leaving the machine; the matcher compares method, path, query (minus uuid/pnsdk/seqn...) and body.
"""
from __future__ import annotations

import io
import threading
from typing import Any, Iterator, List, Tuple

import pytest
from integration.tornado._support import closed_origin, make_config

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.channel_group import PNChannelGroupsAddChannelResult, PNChannelGroupsListResult
from pubnub.models.consumer.file import (
    PNDeleteFileResult,
    PNDownloadFileResult,
    PNGetFileDownloadURLResult,
    PNGetFilesResult,
    PNSendFileResult,
)
from pubnub.models.consumer.history import PNHistoryResult
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.models.consumer.pubsub import PNPublishResult
from pubnub.models.consumer.signal import PNSignalResult
from pubnub.models.consumer.time import PNTimeResponse
from pubnub.pubnub import NonSubscribeListener, PubNub, SubscribeListener
from pubnub.structures import Envelope

from ._support import ThreadRecorder, replay

CAT = PNStatusCategory
OP = PNOperationType
CH = "files_ch"
FILE_ID = "8de3f7e3-0d34-4d05-82d9-37bbaf18f36c"
FILE_NAME = "king_arthur.txt"
CONTENT = b"Knights who say Ni!"
DOWNLOAD_URL_START = "https://files-eu-central-1.pndsn.com/sub-c-test/f-tIAc/%s/%s?X-Amz-Algorithm=" % (FILE_ID,
                                                                                                        FILE_NAME)


@pytest.fixture
def make_pubnub() -> Iterator[Any]:
    made: List[PubNub] = []

    def make(**overrides: Any) -> PubNub:
        overrides.setdefault("origin", closed_origin())
        overrides.setdefault("ssl", False)
        pubnub = PubNub(make_config(**overrides))
        made.append(pubnub)
        return pubnub
    yield make
    for pubnub in made:
        pubnub.stop()
        assert pubnub._subscription_manager._driver.join(5)
        pubnub.transport.close()


def _pn_async(endpoint: Any) -> Tuple[Any, Any]:
    listener = NonSubscribeListener()
    endpoint.pn_async(listener.callback)
    assert listener.pn_await(3)
    return listener.result, listener.status


def test_time(make_pubnub):
    with replay("time/success.yaml"):
        envelope = make_pubnub().time().sync()
    assert type(envelope) is Envelope and isinstance(envelope.result, PNTimeResponse)
    assert int(envelope.result) == 16000000000000000
    status = envelope.status
    assert (status.category, status.operation, status.status_code) == (CAT.PNAcknowledgmentCategory,
                                                                       OP.PNTimeOperation, 200)
    assert status.error is None and status.original_response == [16000000000000000]


def test_publish_get_twice_with_sequence_and_options(make_pubnub):
    pubnub = make_pubnub()
    with replay("publish/get.yaml") as cassette:
        first = pubnub.publish().channel("ch1").message({"name": "Alex", "online": True}).sync()
        second = pubnub.publish().channel("ch1").message("hi").meta({"lang": "en"}).should_store(False).sync()
    assert isinstance(first.result, PNPublishResult) and first.result.timetoken == 16000000000000001
    assert second.result.timetoken == 16000000000000002
    sent = [request.uri for request in cassette.requests]
    assert "seqn=1" in sent[0] and "seqn=2" in sent[1]
    assert all("pnsdk=PubNub-Python%2F4.9.0" in uri and "l_" not in uri for uri in sent)  # no telemetry


def test_publish_post_through_pn_async(make_pubnub):
    with replay("publish/post.yaml") as cassette:
        result, status = _pn_async(make_pubnub().publish().channel("ch1").message(["hi", "hi2", "hi3"]).use_post(True))
    assert result.timetoken == 16000000000000003 and not status.is_error()
    assert cassette.requests[0].headers["Content-Type"] == "application/json"


def test_publish_forbidden_raises_with_its_status(make_pubnub):
    with replay("publish/forbidden.yaml"), pytest.raises(PubNubException) as raised:
        make_pubnub(auth_key="bad-auth").publish().channel("not_permitted_channel").message("hi").sync()
    error = raised.value
    assert error._status_code == 403 and str(error).startswith("HTTP Client Error (403): {\"message\":\"Forbidden\"")
    assert error.status.category == CAT.PNAccessDeniedCategory and error.status.operation == OP.PNPublishOperation
    with replay("publish/forbidden.yaml"):
        result, status = _pn_async(make_pubnub(auth_key="bad-auth").publish().channel("not_permitted_channel")
                                   .message("hi"))
    assert result is None and status.category == CAT.PNAccessDeniedCategory and status.status_code == 403


def test_signal_history_and_message_action(make_pubnub):
    pubnub = make_pubnub()
    with replay("signal/success.yaml"):
        signal = pubnub.signal().channel("typing_ch").message("typing").sync()
    assert isinstance(signal.result, PNSignalResult) and signal.result.timetoken == "15640049765289377"
    with replay("history/plain.yaml"):
        history = pubnub.history().channel("history_channel").count(3).sync()
    assert isinstance(history.result, PNHistoryResult)
    assert [item.entry for item in history.result.messages] == ["hey-0", "hey-1", "hey-2"]
    action = PNMessageAction()
    action.type, action.value, action.message_timetoken = "reaction", "smiley_face", "15610547826969050"
    with replay("message_actions/add.yaml"):
        added = pubnub.add_message_action().channel("chats.room1").message_action(action).sync()
    assert (added.result.action_timetoken, added.result.uuid) == ("15610547826970050", "test-uuid")
    assert added.status.operation == OP.PNAddMessageAction


def test_channel_group_add_then_list(make_pubnub):
    pubnub = make_pubnub()
    with replay("channel_groups/add_and_list.yaml"):
        added = pubnub.add_channel_to_channel_group().channels(["native-ch1", "native-ch2"]) \
            .channel_group("native-cg").sync()
        listed = pubnub.list_channels_in_channel_group().channel_group("native-cg").sync()
    assert isinstance(added.result, PNChannelGroupsAddChannelResult)
    assert isinstance(listed.result, PNChannelGroupsListResult)
    assert listed.result.channels == ["native-ch1", "native-ch2"]


def test_subscribe_replayed_until_access_is_denied(make_pubnub):
    """The 403 stops the loop and, as 4.8.1's plain client did, unsubscribes from everything:
    a leave is sent and its status announced."""
    pubnub = make_pubnub()
    recorder, waiter = ThreadRecorder(), SubscribeListener()
    pubnub.add_listener(recorder)
    pubnub.add_listener(waiter)
    with replay("subscribe/handshake_message_denied.yaml"):
        pubnub.subscribe().channels("ch1").with_presence().execute()
        waiter.wait_for_connect(timeout=3)
        message = waiter.wait_for_message_on("ch1", timeout=3)
        join = waiter.wait_for_presence_on("ch1", timeout=3)
        denied = recorder.wait_for_status(CAT.PNAccessDeniedCategory)
        left = recorder.wait_for_status(CAT.PNAcknowledgmentCategory)
        assert pubnub._subscription_manager._driver.join(3)  # the loop (and the leave) ended by itself
    assert (message.message, message.timetoken, message.publisher) == ("hey", 14818869633015166,
                                                                         "18aa1154-a3bd-4e71-994d-8685b56eeecc")
    assert (join.event, join.uuid, join.occupancy) == ("join", "test-uuid", 1)
    connected = recorder.statuses(CAT.PNConnectedCategory)[0]
    assert connected.affected_channels == ["ch1", "ch1-pnpres"] and connected.operation == OP.PNSubscribeOperation
    assert denied.operation == OP.PNUnsubscribeOperation and denied.status_code == 403
    assert (left.operation, left.affected_channels, left.is_error()) == (OP.PNUnsubscribeOperation, ["ch1"], False)
    assert pubnub.get_subscribed_channels() == []
    assert [name for name, _ in recorder.events] == ["status", "presence", "message", "status", "status"]
    assert len(recorder.threads) == 1 and threading.get_ident() not in recorder.threads


# ----- files through .sync() (and pn_async) -----------------------------------------------------
def test_send_file_sync(make_pubnub):
    with replay("file_operations/send_file.yaml") as cassette:
        envelope = make_pubnub().send_file().channel(CH).file_name(FILE_NAME).file_object(io.BytesIO(CONTENT)) \
            .message({"test_message": "test"}).meta({"sender": "native"}).should_store(False).ttl(2).sync()
    assert type(envelope) is Envelope and isinstance(envelope.result, PNSendFileResult)
    assert (envelope.result.name, envelope.result.file_id, envelope.result.timestamp) == (
        FILE_NAME, FILE_ID, "16058160503920483")
    assert envelope.status.operation == OP.PNSendFileAction and envelope.status.status_code == 204
    assert [request.method for request in cassette.requests] == ["POST", "POST", "GET"]


def test_send_file_refused_by_storage_raises(make_pubnub):
    with replay("file_operations/send_file_too_large.yaml"), pytest.raises(PubNubException) as raised:
        make_pubnub().send_file().channel(CH).file_name(FILE_NAME).file_object(CONTENT) \
            .message({"test_message": "test"}).meta({"sender": "native"}).should_store(False).ttl(2).sync()
    assert raised.value._status_code == 400 and "EntityTooLarge" in str(raised.value)


def test_get_file_url_download_list_and_delete(make_pubnub):
    pubnub = make_pubnub()
    with replay("file_operations/get_file_url.yaml"):
        located = pubnub.get_file_url().channel(CH).file_id(FILE_ID).file_name(FILE_NAME).sync()
    assert isinstance(located.result, PNGetFileDownloadURLResult)
    assert located.result.file_url.startswith(DOWNLOAD_URL_START)
    with replay("file_operations/download_file.yaml"):
        downloaded = pubnub.download_file().channel(CH).file_id(FILE_ID).file_name(FILE_NAME).sync()
    assert isinstance(downloaded.result, PNDownloadFileResult) and downloaded.result.data == CONTENT
    with replay("file_operations/list_files.yaml"):
        listed, status = _pn_async(pubnub.list_files().channel(CH))
    assert isinstance(listed, PNGetFilesResult) and listed.count == 2 and not status.is_error()
    with replay("file_operations/delete_file.yaml"):
        deleted = pubnub.delete_file().channel(CH).file_id(FILE_ID).file_name(FILE_NAME).sync()
    assert isinstance(deleted.result, PNDeleteFileResult) and deleted.status.status_code == 200


def test_delete_file_forbidden(make_pubnub):
    with replay("file_operations/delete_file_403.yaml"), pytest.raises(PubNubException) as raised:
        make_pubnub(auth_key="bad-auth").delete_file().channel(CH).file_id(FILE_ID).file_name(FILE_NAME).sync()
    assert raised.value._status_code == 403 and raised.value.status.category == CAT.PNAccessDeniedCategory
