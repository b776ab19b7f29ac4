"""4.x ``native_threads`` usage (shared/compat/IMPORTS.md) on the plain ``PubNub``, against the local
server ``pubnub.testing``: ``pn_async(callback)`` with a ``threading.Event`` or a
``NonSubscribeListener`` (``pn_await``, ``await_result_and_reset``), ``PNBadRequestCategory`` for
bad input, files and ``PublishFileMessage`` through ``pn_async``, subscribe with
``SubscribeListener``, ``_subscription_manager._stop_heartbeat_timer()``, and ``time.sleep``
stubbed by the suites' decorators.
"""
from __future__ import annotations

import io
import threading
import unittest
from typing import Any
from unittest.mock import patch

from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
from pubnub.enums import PNStatusCategory
from pubnub.models.consumer.channel_group import (
    PNChannelGroupsAddChannelResult,
    PNChannelGroupsListResult,
    PNChannelGroupsRemoveChannelResult,
    PNChannelGroupsRemoveGroupResult,
)
from pubnub.models.consumer.file import (
    PNFetchFileUploadS3DataResult,
    PNGetFilesResult,
    PNPublishFileMessageResult,
    PNSendFileResult,
)
from pubnub.models.consumer.presence import PNGetStateResult, PNHereNowResult, PNSetStateResult, PNWhereNowResult
from pubnub.models.consumer.pubsub import PNMessageResult, PNPublishResult
from pubnub.pubnub import NonSubscribeListener, PubNub, SubscribeListener
from pubnub.testing import PubNubTestServer

from ._usage_support import server_config

WAIT = 5


class ThreadsTestCase(unittest.TestCase):
    server: Any = None
    origin = ""

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = PubNubTestServer(long_poll_seconds=0.5, max_message_bytes=512)
        cls.origin = cls.server.start_in_thread()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def setUp(self) -> None:
        self.event = threading.Event()
        self.response: Any = None
        self.status: Any = None

    def callback(self, response: Any, status: Any) -> None:
        self.response = response
        self.status = status
        self.event.set()

    def wait_callback(self) -> None:
        assert self.event.wait(WAIT), "no callback"
        self.event.clear()

    def client(self, uuid: str = "threads-uuid", **settings: Any) -> PubNub:
        return PubNub(server_config(self.origin, uuid, **settings))


class TestNonSubscribe(ThreadsTestCase):
    def test_publish(self) -> None:
        self.client(enable_subscribe=False).publish().channel("ch1").message({"a": 1}).pn_async(self.callback)
        self.wait_callback()
        assert not self.status.is_error()
        assert isinstance(self.response, PNPublishResult) and self.response.timetoken > 1

    def test_bad_input_is_a_bad_request_status(self) -> None:
        pubnub = self.client(enable_subscribe=False)
        pubnub.publish().channel("ch1").message(None).pn_async(self.callback)
        self.wait_callback()
        assert self.status.is_error() and self.response is None
        assert self.status.category == PNStatusCategory.PNBadRequestCategory
        assert "Message missing" in str(self.status.error_data.exception)

        pubnub.publish().channel("ch1").message(lambda: None).pn_async(self.callback)
        self.wait_callback()
        assert self.status.category == PNStatusCategory.PNBadRequestCategory
        assert "not JSON serializable" in str(self.status.error_data.exception)

    def test_server_error_status(self) -> None:
        self.client(enable_subscribe=False).publish().channel("ch1").message("x" * 1000).pn_async(self.callback)
        self.wait_callback()
        assert self.status.is_error()
        assert self.status.category == PNStatusCategory.PNBadRequestCategory
        assert self.status.original_response[1] == "Message Too Large"
        assert "HTTP Client Error (400):" in str(self.status.error_data.exception)

    def test_channel_groups(self) -> None:
        pubnub = self.client(enable_subscribe=False)
        pubnub.add_channel_to_channel_group().channels("threads-ch").channel_group("threads-cg").pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNChannelGroupsAddChannelResult)
        pubnub.list_channels_in_channel_group().channel_group("threads-cg").pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNChannelGroupsListResult) and self.response.channels == ["threads-ch"]
        pubnub.remove_channel_from_channel_group().channels("threads-ch").channel_group("threads-cg") \
            .pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNChannelGroupsRemoveChannelResult)
        pubnub.remove_channel_group().channel_group("threads-cg").pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNChannelGroupsRemoveGroupResult)

    def test_state_with_a_non_subscribe_listener(self) -> None:
        pubnub = self.client(enable_subscribe=False)
        pubnub.config.uuid = "state-native-uuid"  # changed after the client was made, as 4.x tests do
        listener = NonSubscribeListener()
        pubnub.set_state().channels("state-ch").state({"name": "Alex", "count": 5}).pn_async(listener.callback)
        assert listener.pn_await() is True
        assert isinstance(listener.result, PNSetStateResult) and listener.result.state["name"] == "Alex"
        listener.reset()
        pubnub.get_state().channels("state-ch").pn_async(listener.callback)
        result = listener.await_result_and_reset()
        assert isinstance(result, PNGetStateResult) and result.channels["state-ch"]["count"] == 5
        assert listener.result is None and listener.pn_await(0.01) is False  # reset

    def test_files(self) -> None:
        pubnub = self.client(enable_subscribe=False)
        with io.BytesIO(b"Knights who say Ni!") as fd:
            pubnub.send_file().channel("threads-files").file_name("king_arthur.txt").message({"test_message": "test"}) \
                .should_store(True).ttl(222).cipher_key("test").file_object(fd).pn_async(self.callback)
            self.wait_callback()
        assert not self.status.is_error()
        assert isinstance(self.response, PNSendFileResult) and self.response.file_id
        pubnub.list_files().channel("threads-files").pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNGetFilesResult) and self.response.count == 1
        pubnub._fetch_file_upload_s3_data().channel("threads-files").file_name("king_arthur.txt") \
            .pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNFetchFileUploadS3DataResult)
        PublishFileMessage(pubnub).channel("threads-files").meta({}).message({"test": "test"}).file_id("2222") \
            .file_name("test").should_store(True).ttl(222).pn_async(self.callback)
        self.wait_callback()
        assert isinstance(self.response, PNPublishFileMessageResult)


class TestSubscribe(ThreadsTestCase):
    def test_subscribe_presence_and_where_now(self) -> None:
        pubnub = self.client("where-now-uuid")
        listener, where_now = SubscribeListener(), NonSubscribeListener()
        pubnub.add_listener(listener)
        pubnub.subscribe().channels("threads-sub").with_presence().execute()
        listener.wait_for_connect()
        assert pubnub.get_subscribed_channels() == ["threads-sub"]
        join = listener.wait_for_presence_on("threads-sub")
        assert (join.event, join.uuid) == ("join", "where-now-uuid")

        pubnub.where_now().uuid("where-now-uuid").pn_async(where_now.callback)
        assert where_now.pn_await(), "WhereNow operation timeout"
        assert isinstance(where_now.result, PNWhereNowResult) and where_now.result.channels == ["threads-sub"]
        here_now = pubnub.here_now().channels("threads-sub").include_uuids(True).sync().result
        assert isinstance(here_now, PNHereNowResult) and here_now.total_occupancy == 1

        pubnub.publish().channel("threads-sub").message("hey").pn_async(self.callback)
        message = listener.wait_for_message_on("threads-sub")
        assert isinstance(message, PNMessageResult) and message.message == "hey"
        self.wait_callback()

        pubnub._subscription_manager._stop_heartbeat_timer()
        pubnub.unsubscribe().channels("threads-sub").execute()
        listener.wait_for_disconnect()
        assert pubnub.get_subscribed_channels() == []
        pubnub.stop()

    def test_with_time_sleep_stubbed(self) -> None:
        # What the 4.x native decorators do: nothing may depend on time.sleep to make progress.
        with patch("time.sleep"):
            pubnub = self.client("sleepless-uuid")
            listener = SubscribeListener()
            pubnub.add_listener(listener)
            pubnub.subscribe().channels("sleepless").execute()
            listener.wait_for_connect()
            assert isinstance(pubnub.publish().channel("sleepless").message(1).sync().result, PNPublishResult)
            assert listener.wait_for_message_on("sleepless").message == 1
            pubnub.unsubscribe_all()
            listener.wait_for_disconnect()
            pubnub.stop()
