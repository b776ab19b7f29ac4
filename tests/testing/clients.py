"""PubNubTornado clients for the end-to-end tests against the test server, and a recording listener."""
from __future__ import annotations

from typing import Any

from subscribe.conftest import Clients as SubscribeClients
from subscribe.conftest import Recorder as SubscribeRecorder

from pubnub.pnconfiguration import PNConfiguration


class Recorder(SubscribeRecorder):
    """The subscribe tests' recording listener, plus ``status_of(category)``."""

    async def status_of(self, category: int) -> Any:
        return await self.wait_for_status(category)


class Clients(SubscribeClients):
    """The subscribe tests' client factory, configured for the test server (its demo keys)."""

    def config(self, origin: str, **settings: Any) -> PNConfiguration:
        config = PNConfiguration()
        config.origin, config.ssl = origin, False
        config.publish_key, config.subscribe_key, config.uuid = "demo", "demo", "e2e-client"
        config.connect_timeout = config.non_subscribe_request_timeout = 3
        for name, value in settings.items():
            setattr(config, name, value)
        return config
