"""``PubNubTornado.timeout(delay, callback, *args)``: schedules on the client's IOLoop, returns a
cancel function, logs (never raises) a failing callback."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, List

import pytest

from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado


# ----- PubNubTornado.timeout ---------------------------------------------------------------------------
def _tornado_config() -> PNConfiguration:
    config = PNConfiguration()
    config.publish_key, config.subscribe_key, config.uuid = "pub", "sub", "timeout-test"
    return config


def test_timeout_calls_back_with_args_after_the_delay() -> None:
    async def main() -> None:
        client = PubNubTornado(_tornado_config())
        loop = asyncio.get_running_loop()
        fired: "asyncio.Future[Any]" = loop.create_future()
        started = loop.time()
        cancel = client.timeout(0.05, lambda *args: fired.set_result((args, loop.time() - started)), "a", 2)
        args, waited = await asyncio.wait_for(fired, 5)
        assert args == ("a", 2) and waited >= 0.04
        cancel()  # after it ran: nothing happens
    asyncio.run(main())


def test_timeout_cancel_prevents_the_call() -> None:
    async def main() -> None:
        client = PubNubTornado(_tornado_config())
        loop = asyncio.get_running_loop()
        ran: List[str] = []
        later: "asyncio.Future[None]" = loop.create_future()
        cancel = client.timeout(0.01, ran.append, "cancelled")
        cancel()
        cancel()
        client.timeout(0.05, later.set_result, None)  # fires after the cancelled one would have
        await asyncio.wait_for(later, 5)
        assert ran == []
    asyncio.run(main())


def test_timeout_callback_errors_are_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        client = PubNubTornado(_tornado_config())
        loop = asyncio.get_running_loop()
        errors: List[Any] = []
        loop.set_exception_handler(lambda _loop, context: errors.append(context))
        after: "asyncio.Future[None]" = loop.create_future()

        def boom() -> None:
            raise RuntimeError("boom")
        client.timeout(0, boom)
        client.timeout(0.02, after.set_result, None)
        await asyncio.wait_for(after, 5)
        assert errors == []
    with caplog.at_level(logging.ERROR, logger="pubnub"):
        asyncio.run(main())
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


@pytest.mark.parametrize("delay, callback", [(-1, print), ("soon", print), (None, print), (1, "not callable")])
def test_timeout_bad_input(delay: Any, callback: Any) -> None:
    async def main() -> None:
        client = PubNubTornado(_tornado_config())
        with pytest.raises(PubNubException) as raised:
            client.timeout(delay, callback)
        assert raised.value.pn_error == PNERR_PAM_INVALID_ARGUMENTS
    asyncio.run(main())
