"""Cassette replay for the Tornado client tests: one VCR set-up, one request matcher, one config.

Cassettes live in ``fixtures/tornado/<feature>/<case>.yaml`` and are replayed with
``record_mode="none"``: a request that matches no recorded interaction fails the call instead of
reaching the network, and every recorded interaction must have been played.
"""
from __future__ import annotations

import contextlib
import socket
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterator, List, Tuple
from urllib.parse import parse_qsl, urlsplit

import vcr
from vcr.cassette import Cassette

from pubnub.pnconfiguration import PNConfiguration

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "tornado"

# Values that legitimately differ between runs or clients; everything else must match exactly.
IGNORED_PARAMS = frozenset({"uuid", "pnsdk", "seqn", "signature", "timestamp"})

PUBLISH_KEY = "pub-c-test"
SUBSCRIBE_KEY = "sub-c-test"
UUID = "test-uuid"


def comparable_query(uri: str) -> List[Tuple[str, str]]:
    """The decoded query of ``uri`` without the ignored parameters and ``l_*`` latencies, sorted."""
    pairs = parse_qsl(urlsplit(uri).query, keep_blank_values=True)
    return sorted((k, v) for k, v in pairs if k not in IGNORED_PARAMS and not k.startswith("l_"))


def pubnub_request_matcher(sent: Any, recorded: Any) -> None:
    """Method, (still encoded) path, remaining query parameters and body must all be equal."""
    assert sent.method == recorded.method, "method %s != %s" % (sent.method, recorded.method)
    sent_path, recorded_path = urlsplit(sent.uri).path, urlsplit(recorded.uri).path
    assert sent_path == recorded_path, "path %s != %s" % (sent_path, recorded_path)
    sent_query, recorded_query = comparable_query(sent.uri), comparable_query(recorded.uri)
    assert sent_query == recorded_query, "query %s != %s" % (sent_query, recorded_query)
    assert (sent.body or b"") == (recorded.body or b""), "body %r != %r" % (sent.body, recorded.body)


def cassette_replayer(fixtures: Path) -> Callable[[str], ContextManager[Cassette]]:
    """A ``replay(name)`` for the cassettes under ``fixtures`` (shared with the plain-client tests).

    ``replay(name)`` replays ``<fixtures>/<name>``; on a clean exit every interaction must have
    been played.
    """
    recorder = vcr.VCR(cassette_library_dir=str(fixtures), record_mode="none", match_on=["pubnub"])
    recorder.register_matcher("pubnub", pubnub_request_matcher)

    @contextlib.contextmanager
    def replay(name: str) -> Iterator[Cassette]:
        assert (fixtures / name).is_file(), "missing cassette %s" % name
        with recorder.use_cassette(name) as cassette:
            yield cassette
        assert cassette.all_played, "%s: %d of %d interactions played" % (name, cassette.play_count, len(cassette))
    return replay


replay = cassette_replayer(FIXTURES)


def closed_origin() -> str:
    """``127.0.0.1:<port>`` of a port nothing listens on: a real connection attempt is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return "127.0.0.1:%d" % port


def make_config(**overrides: Any) -> PNConfiguration:
    """A configuration with the fake test keys; ``overrides`` set further attributes."""
    config = PNConfiguration()
    config.publish_key = PUBLISH_KEY
    config.subscribe_key = SUBSCRIBE_KEY
    config.uuid = UUID
    for name, value in overrides.items():
        setattr(config, name, value)
    return config
