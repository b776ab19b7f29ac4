"""Drive the pure subscription machine by hand: no I/O, no IOLoop, no clock.

``FakeDriver`` keeps the flows the manager starts; a test advances them with ``send`` and
answers each yielded endpoint with an envelope made by the real outcome mapping.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qsl, urlsplit

from pubnub import _outcome
from pubnub._http import HttpResponse
from pubnub._subscription import LongPoll, SubscriptionManager
from pubnub.exceptions import PNConnectionError, PNTimeoutError
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope

SUB_KEY = "sub-c-test"


class FakeDriver:
    """Remembers flows by key; cancelling closes the flow like a real driver would."""

    def __init__(self) -> None:
        self.flows: Dict[str, Any] = {}
        self.background: List[Any] = []
        self.cancelled: List[str] = []

    def run_flow(self, key: Optional[str], factory: Any) -> None:
        if key is None:
            self.background.append(factory())
            return
        self.cancel_flow(key)
        self.flows[key] = factory()

    def cancel_flow(self, key: str) -> None:
        flow = self.flows.pop(key, None)
        if flow is not None:
            self.cancelled.append(key)
            try:
                flow.close()
            except ValueError:  # cancelled from inside itself (a listener): it ends on its own
                pass


class CoreClient(PubNubCore):
    """A core client whose subscription manager runs on a ``FakeDriver``."""

    def __init__(self, config: PNConfiguration) -> None:
        super().__init__(config)
        self.driver = FakeDriver()
        self._subscription_manager = SubscriptionManager(self, self.driver)

    def timestamp(self) -> int:
        return 1600000000

    @property
    def manager(self) -> SubscriptionManager:
        return self._subscription_manager  # type: ignore[no-any-return]


def make_client(**settings: Any) -> CoreClient:
    config = PNConfiguration()
    config.subscribe_key = SUB_KEY
    config.publish_key = "pub-c-test"
    config.uuid = "me"
    config.origin = "127.0.0.1:1"
    config.ssl = False
    for name, value in settings.items():
        setattr(config, name, value)
    return CoreClient(config)


def _endpoint(step: Any) -> Any:
    """The endpoint of a flow step (a ``LongPoll`` carries the subscribe endpoint)."""
    return step.endpoint if isinstance(step, LongPoll) else step


def query(step: Any) -> Dict[str, str]:
    return dict(parse_qsl(urlsplit(_endpoint(step).build_request().url).query))


def path(step: Any) -> str:
    return urlsplit(_endpoint(step).build_request().url).path


def answer(step: Any, body: Any, status: int = 200) -> Envelope:
    endpoint = _endpoint(step)
    request = endpoint.build_request()
    return _outcome.from_response(endpoint, request, HttpResponse(status, {}, json.dumps(body).encode(), request.url))


def stream(timetoken: int, *messages: Any, region: int = 7) -> Dict[str, Any]:
    return {"t": {"t": str(timetoken), "r": region}, "m": list(messages)}


def message(channel: str, payload: Any, timetoken: int, **fields: Any) -> Dict[str, Any]:
    raw = {"a": "1", "f": 0, "i": "pub-uuid", "p": {"t": str(timetoken), "r": 7}, "k": SUB_KEY,
           "c": channel, "d": payload}
    raw.update(fields)
    return raw


def connection_error(step: Any) -> Envelope:
    endpoint = _endpoint(step)
    return _outcome.from_transport_error(endpoint, endpoint.build_request(), PNConnectionError("connection reset"))


def read_timeout(step: Any) -> Envelope:
    endpoint = _endpoint(step)
    return _outcome.from_transport_error(endpoint, endpoint.build_request(), PNTimeoutError("timed out"))


class Listener:
    """Records (method, event) pairs."""

    def __init__(self) -> None:
        self.events: List[Any] = []

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        return lambda pubnub, event: self.events.append((method, event))

    def of(self, method: str) -> List[Any]:
        return [event for name, event in self.events if name == method]

    def categories(self) -> List[int]:
        return [status.category for status in self.of("status")]
