"""PubNubTornado clients for the end-to-end tests against the test server, and a recording listener."""
from __future__ import annotations

from typing import Any, List

from subscribe.conftest import Recorder as SubscribeRecorder

from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado


class Recorder(SubscribeRecorder):
    """The subscribe tests' recording listener, plus ``status_of(category)``."""

    async def status_of(self, category: int) -> Any:
        return await self.wait_for_status(category)


class Clients:
    """Makes PubNubTornado clients for a server origin; ``close()`` stops their subscriptions."""

    def __init__(self) -> None:
        self.made: List[PubNubTornado] = []

    def __call__(self, origin: str, listener: Any = None, **settings: Any) -> PubNubTornado:
        config = PNConfiguration()
        config.origin, config.ssl = origin, False
        config.publish_key, config.subscribe_key, config.uuid = "demo", "demo", "e2e-client"
        config.connect_timeout = config.non_subscribe_request_timeout = 3
        for name, value in settings.items():
            setattr(config, name, value)
        pubnub = PubNubTornado(config)
        if listener is not None:
            pubnub.add_listener(listener)
        self.made.append(pubnub)
        return pubnub

    async def close(self) -> None:
        for pubnub in self.made:
            manager = pubnub._subscription_manager
            if manager is not None:
                manager.stop()
                await manager._driver.join()
