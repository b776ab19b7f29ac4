"""Testing an application that uses PubNub, offline: a local server, or a recorded cassette.

Run: ``python -m pytest examples/testing_your_app`` (with ``pubnub`` and its test extras
installed: ``pip install 'pubnub[test]'`` brings pytest and vcrpy).

* ``pubnub_server`` and ``pubnub_config`` are pytest fixtures that come with ``pubnub``
  (``pubnub.testing``, registered automatically): a local PubNub-compatible server running
  for one test, and a ``PNConfiguration`` pointing at it. The application runs unchanged.
* ``pubnub_server.faults`` makes the local server misbehave on purpose (slow answers, 5xx
  errors, dropped connections, requests left hanging), to test how the application copes
  with a bad network without one.
* vcrpy records the HTTP calls the application makes into a cassette, then plays them back:
  here the cassette is recorded against the local server, and replayed once that server is
  stopped, which proves the replay needs no server at all. (Commit cassettes recorded once
  against the real service, and replay them in CI the same way.)
"""
from __future__ import annotations

import queue
from typing import Any

import pytest
import requests
import vcr

from pubnub.enums import PNReconnectionPolicy
from pubnub.pubnub import PubNub

from app import NoticeBoard

# Query parameters that change from one run (or one SDK version) to the next: not part of a match.
VOLATILE = {"pnsdk", "uuid", "seqn", "requestid"}


def same_pubnub_query(recorded: Any, replayed: Any) -> None:
    """vcrpy matcher: the query strings are equal once the volatile parameters are set aside."""
    def stable(request: Any) -> list[tuple[str, str]]:
        return [(key, value) for key, value in request.query if key not in VOLATILE]
    assert stable(recorded) == stable(replayed)


def make_vcr() -> vcr.VCR:
    recorder = vcr.VCR(record_mode="once")  # record when the cassette is missing, replay only afterwards
    recorder.register_matcher("same_pubnub_query", same_pubnub_query)
    recorder.match_on = ("method", "scheme", "host", "port", "path", "same_pubnub_query")
    return recorder


def use_the_board(board: NoticeBoard) -> list[str]:
    board.post("ann", "Fire drill at 3 pm")
    board.post("bob", "Cake in the kitchen")
    return board.latest()


def test_notices_come_back_oldest_first(pubnub_config: Any) -> None:
    board = NoticeBoard(PubNub(pubnub_config))
    assert use_the_board(board) == ["ann: Fire drill at 3 pm", "bob: Cake in the kitchen"]


def test_an_empty_notice_is_refused_before_anything_is_sent(pubnub_config: Any) -> None:
    with pytest.raises(ValueError):
        NoticeBoard(PubNub(pubnub_config)).post("ann", "   ")


def test_live_notices_survive_dropped_connections(pubnub_server: Any, pubnub_config: Any) -> None:
    pubnub_config.reconnect_policy = PNReconnectionPolicy.LINEAR  # as the application is deployed
    pubnub_config.reconnection_base_delay = 0.1  # (but retrying sooner than the default 3 s)
    board = NoticeBoard(PubNub(pubnub_config))
    seen: "queue.Queue[str]" = queue.Queue()
    try:
        board.follow(seen.put)
        assert pubnub_server.wait_for_parked_polls(1)  # following: its long-poll is waiting at the server

        # The next two long-polls get no answer: their connections are reset (a TCP RST).
        drops = pubnub_server.faults.add("reset", operation="subscribe", count=2)
        board.post("ann", "Fire drill at 3 pm")  # delivered; the long-poll that follows is dropped
        assert drops.wait(hits=1)
        board.post("bob", "Cake in the kitchen")  # posted while the board is cut off

        notices = [seen.get(timeout=10) for _ in range(2)]
        assert notices == ["ann: Fire drill at 3 pm", "bob: Cake in the kitchen"]  # nothing lost
        assert drops.hits == 2
    finally:
        board.stop()


def test_replay_from_a_cassette_needs_no_server(pubnub_server: Any, pubnub_config: Any, tmp_path: Any) -> None:
    cassette = str(tmp_path / "notice_board.yaml")

    # 1. Record: the application talks to the local server, vcrpy writes down every exchange.
    with make_vcr().use_cassette(cassette) as recording:
        recorded = use_the_board(NoticeBoard(PubNub(pubnub_config)))
    assert len(recording) == 3 and recording.play_count == 0  # two publishes and a history call

    # 2. Stop the server: nothing answers at its address any more.
    pubnub_server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get("http://%s/time/0" % pubnub_server.origin, timeout=2)

    # 3. Replay: a new client gets the recorded answers, without a server.
    with make_vcr().use_cassette(cassette) as replay:
        replayed = use_the_board(NoticeBoard(PubNub(pubnub_config)))
    assert replay.all_played and replay.play_count == 3
    assert replayed == recorded == ["ann: Fire drill at 3 pm", "bob: Cake in the kitchen"]
