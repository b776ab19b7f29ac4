"""Get message actions: start/end/limit all sent, ``more``, the fetch_all flow, validation."""
from __future__ import annotations

import pytest

from pubnub._flows import drive
from pubnub.endpoints.message_actions.get_message_actions import GetMessageActions
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING,
    PNERR_PAM_INVALID_ARGUMENTS,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.message_actions import PNGetMessageActionsResult

from ..support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

MORE = {"url": "/v1/actions/sub-c-6ba5f838-6456-11e8-9307-eaaa55e2558c/channel/test_channel_1567187121_2_6_6"
               "?start=15610547826970050&end=15645905639093361&limit=2",
        "start": "15610547826970050", "end": "15645905639093361", "limit": 2}
RECORDED = {"status": 200, "data": [{"type": "reaction", "value": "smiley_face", "actionTimetoken": "15610547826970050",
                                     "messageTimetoken": "15610547826969050", "uuid": "testUser"}], "more": MORE}


def act(action_tt):
    return {"type": "reaction", "value": "v%d" % action_tt, "actionTimetoken": str(action_tt),
            "messageTimetoken": "16000000000000000", "uuid": "u"}


def test_default_request_sends_no_range(client):
    endpoint = client.get_message_actions().channel("chats.room1")
    assert endpoint.build_path() == GetMessageActions.GET_MESSAGE_ACTIONS_PATH % ("sub-c-test", "chats.room1")
    request = endpoint.build_request()
    assert request.method == "GET"
    assert path_of(request) == "/v1/message-actions/sub-c-test/channel/chats.room1"
    assert raw_query(request) == "pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_start_end_and_limit_are_all_sent(client):
    # 4.8.1 dropped end when start was set, so "all reactions on one message" did not work
    endpoint = client.get_message_actions().channel("chats.room1").start("15956342921084731").end(
        "15956342921084730").limit(50)
    assert endpoint.build_params_callback()({}) == {
        "start": "15956342921084731", "end": "15956342921084730", "limit": "50", "pnsdk": sdk(client),
        "uuid": "test-uuid"}
    query = query_of(endpoint.build_request())
    assert (query["start"], query["end"], query["limit"]) == ("15956342921084731", "15956342921084730", "50")


def test_limit_100_is_sent(client):
    assert query_of(client.get_message_actions().channel("c").limit(100).build_request())["limit"] == "100"


def test_declarations(client):
    endpoint = client.get_message_actions()
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.operation_type() == PNOperationType.PNGetMessageActions == 43
    assert endpoint.flow() is None


def test_create_response_with_more(client):
    result = client.get_message_actions().create_response(RECORDED)
    assert isinstance(result, PNGetMessageActionsResult)
    assert [a.action_timetoken for a in result.actions] == ["15610547826970050"]
    assert result.actions[0].to_dict() == RECORDED["data"][0]
    assert result.more == MORE


def test_create_response_empty(client):
    result = client.get_message_actions().create_response({"status": 200, "data": []})
    assert result.actions == []
    assert result.more is None


class PagedService:
    """A fake ``execute``: answers each page request with the next canned body."""

    def __init__(self, *bodies):
        self.bodies = list(bodies)
        self.queries = []

    def __call__(self, endpoint):
        self.queries.append(query_of(endpoint.build_request()))
        body, code = self.bodies.pop(0)
        return answer(endpoint, body, code)


def test_fetch_all_follows_more_and_merges_ascending(client):
    service = PagedService(
        ({"status": 200, "data": [act(16000000000000003), act(16000000000000004)],
          "more": {"url": "/v1/message-actions/sub-c-test/channel/c"
                          "?start=16000000000000003&end=16000000000000000&limit=2",
                   "start": "16000000000000003", "end": "16000000000000000", "limit": 2}}, 200),
        ({"status": 200, "data": [act(16000000000000001), act(16000000000000002)]}, 200),
    )
    endpoint = client.get_message_actions().channel("c").end("16000000000000000").limit(2).fetch_all()
    envelope = drive(endpoint.flow(), service)
    assert [{k: q[k] for k in ("start", "end", "limit") if k in q} for q in service.queries] == [
        {"end": "16000000000000000", "limit": "2"},
        {"start": "16000000000000003", "end": "16000000000000000", "limit": "2"}]
    assert not envelope.status.is_error()
    assert [a.action_timetoken for a in envelope.result.actions] == [
        "16000000000000001", "16000000000000002", "16000000000000003", "16000000000000004"]
    assert envelope.result.more is None
    assert [d["actionTimetoken"] for d in envelope.result._result["data"]] == [
        "16000000000000001", "16000000000000002", "16000000000000003", "16000000000000004"]
    assert endpoint._start is None  # the caller's builder is not consumed by the flow


def test_fetch_all_reports_a_failing_page(client):
    denied = {"status": 403, "error": {"source": "actions", "message": "Supplied authorization key does not have "
                                       "the permissions required to perform this operation."}}
    service = PagedService(
        ({"status": 200, "data": [act(16000000000000004)],
          "more": {"url": "/x", "start": "16000000000000004", "end": "0", "limit": 1}}, 200),
        (denied, 403),
    )
    envelope = drive(client.get_message_actions().channel("c").fetch_all().flow(), service)
    assert envelope.status.is_error()
    assert envelope.status.status_code == 403
    assert envelope.result is None


def test_fetch_all_stops_on_a_cursor_that_does_not_advance(client):
    stuck = {"status": 200, "data": [act(16000000000000005)],
             "more": {"url": "/x", "start": "16000000000000009", "end": "0", "limit": 1}}
    service = PagedService((stuck, 200))
    endpoint = client.get_message_actions().channel("c").start("16000000000000009").fetch_all()
    envelope = drive(endpoint.flow(), service)
    assert len(service.queries) == 1
    assert [a.action_timetoken for a in envelope.result.actions] == ["16000000000000005"]


@pytest.mark.parametrize(("settings", "channel", "start", "end", "limit", "error"), [
    ({"subscribe_key": None}, None, None, None, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, None, None, None, PNERR_CHANNEL_MISSING),
    ({}, "", None, None, None, PNERR_CHANNEL_MISSING),
    ({}, "c", "now", None, None, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING),
    ({}, "c", None, "-1", None, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING),
    ({}, "c", None, None, 0, PNERR_PAM_INVALID_ARGUMENTS + ": limit must be a positive integer"),
    ({}, "c", None, None, "5", PNERR_PAM_INVALID_ARGUMENTS + ": limit must be a positive integer"),
    ({}, "c", None, None, True, PNERR_PAM_INVALID_ARGUMENTS + ": limit must be a positive integer"),
])
def test_validation(settings, channel, start, end, limit, error):
    endpoint = make_client(**settings).get_message_actions().start(start).end(end).limit(limit)
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error
