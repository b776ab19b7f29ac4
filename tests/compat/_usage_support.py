"""Helpers of the 4.x usage tests: configurations shaped like a 4.x suite's, the mocked client of
its functional tests, a check that no Mock leaks into built requests, and a local server.

Everything here follows shared/compat/IMPORTS.md (how 4.x suites use the package); nothing is
taken from an official test suite.
"""
from __future__ import annotations

import copy
from typing import Any, Iterator, Optional
from unittest.mock import MagicMock, NonCallableMock

from pubnub.managers import TelemetryManager
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub

PUB_KEY = "pub-c-usage"
SUB_KEY = "sub-c-usage"
SECRET_KEY = "sec-c-usage"
SDK_NAME = "Python-UnitTest"
MOCK_UUID = "UUID_UsageTest"
TIMESTAMP = 123
SEQUENCE = 2

# A module-level configuration, copied with copy.copy() by the tests, as 4.x helpers do.
pnconf = PNConfiguration()
pnconf.publish_key = PUB_KEY
pnconf.subscribe_key = SUB_KEY
pnconf.enable_subscribe = False

pnconf_pam = PNConfiguration()
pnconf_pam.publish_key = PUB_KEY
pnconf_pam.subscribe_key = SUB_KEY
pnconf_pam.secret_key = SECRET_KEY
pnconf_pam.enable_subscribe = False


def pnconf_copy() -> PNConfiguration:
    return copy.copy(pnconf)


def pnconf_pam_copy() -> PNConfiguration:
    return copy.copy(pnconf_pam)


def mocked_client(config: Optional[PNConfiguration] = None, uuid: Any = MOCK_UUID) -> Any:
    """The client of a 4.x functional test: ``MagicMock(spec=PubNub)`` with only ``config``,
    ``sdk_name``, ``uuid``, ``timestamp()``, the publish sequence and a real TelemetryManager set.
    The configuration's ``uuid`` is set to the same value, as 4.x suites do."""
    sequence = MagicMock(get_next_sequence=MagicMock(return_value=SEQUENCE))
    client = MagicMock(spec=PubNub, config=config if config is not None else pnconf_copy(), sdk_name=SDK_NAME,
                       timestamp=MagicMock(return_value=TIMESTAMP), _publish_sequence_manager=sequence)
    client.uuid = client.config.uuid = uuid
    client._telemetry_manager = TelemetryManager()
    return client


def _walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key)
            yield from _walk(item)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _walk(item)


def assert_no_mock(*values: Any) -> None:
    """Fail if a Mock (or a Mock's text) appears anywhere in ``values``."""
    for value in values:
        for item in _walk(value):
            assert not isinstance(item, NonCallableMock), "a Mock leaked: %r" % (item,)
            assert "Mock" not in str(item), "a Mock's text leaked: %r" % (item,)


def server_config(origin: str, uuid: str, **settings: Any) -> PNConfiguration:
    """A configuration pointing at a local ``PubNubTestServer``."""
    config = PNConfiguration()
    config.publish_key = "demo"
    config.subscribe_key = "demo"
    config.origin = origin
    config.ssl = False
    config.uuid = uuid
    for name, value in settings.items():
        setattr(config, name, value)
    return config
