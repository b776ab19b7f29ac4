"""ClientContext: everything the core (endpoints, flows, the subscription machinery) reads from a client.

Layer: core. Imports no client, no tornado, requests or asyncio; the clients (``PubNub``,
``PubNubTornado``) satisfy this protocol through ``PubNubCore``.

Why so little, and why two parts are optional: 4.x test suites build endpoints on a
``MagicMock(spec=PubNub)`` and set only ``config``, ``sdk_name``, ``uuid``, ``timestamp()``,
``_publish_sequence_manager`` and ``_telemetry_manager``. Whatever else the core read while
building a request would be a Mock there, and would end up in the query. So the core reads
exactly these, and reaches the two managers a mock may lack (telemetry, tokens) only through
``telemetry_of`` / ``tokens_of``, which treat a missing one as "none".
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Protocol

from pubnub.managers import PublishSequenceManager, TelemetryManager, TokenManager
from pubnub.pnconfiguration import PNConfiguration

__all__ = ["ClientContext", "telemetry_of", "tokens_of"]


class ClientContext(Protocol):
    """What an endpoint needs from its client: settings, identity, clock, counters, and the
    four ways to run it (which the client implements)."""

    config: PNConfiguration
    _publish_sequence_manager: PublishSequenceManager

    @property
    def sdk_name(self) -> str:
        """``pnsdk`` and User-Agent value."""

    @property
    def uuid(self) -> Any:
        """The client's uuid (``config.uuid``)."""

    def timestamp(self) -> int:
        """Unix seconds, for signatures (the core reads no clock itself)."""

    def request_sync(self, endpoint: Any) -> Any: ...

    def request_async(self, endpoint: Any, callback: Callable[..., Any]) -> Any: ...

    def request_future(self, endpoint: Any) -> Any: ...

    def request_result(self, endpoint: Any) -> Any: ...

    def request_deferred(self, endpoint: Any) -> Any: ...


def telemetry_of(client: ClientContext) -> Optional[TelemetryManager]:
    """The client's latency telemetry, or None (a 4.x test's mock that has none)."""
    manager: Optional[TelemetryManager] = getattr(client, "_telemetry_manager", None)
    return manager


def tokens_of(client: ClientContext) -> Optional[TokenManager]:
    """The client's Access Manager token store, or None (a 4.x test's mock that has none)."""
    manager: Optional[TokenManager] = getattr(client, "_token_manager", None)
    return manager
