"""PNConfiguration: the settings of one client (4.8.1 attribute names and defaults)."""
from __future__ import annotations

import math
from typing import Any, Optional

from pubnub.enums import PNHeartbeatNotificationOptions, PNReconnectionPolicy
from pubnub.errors import PNERR_INVALID_CONFIGURATION
from pubnub.exceptions import PubNubException


def _seconds(name: str, value: Any) -> float:
    """``value`` as a positive, finite number of seconds, or PubNubException."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise PubNubException(pn_error=PNERR_INVALID_CONFIGURATION,
                              errormsg="%s must be a positive number of seconds, not %r" % (name, value))
    return float(value)


class PNConfiguration:
    """Holder of user settings; ``copy.copy()`` gives an independent, usable configuration."""

    DEFAULT_PRESENCE_TIMEOUT = 300
    DEFAULT_HEARTBEAT_INTERVAL = 280

    def __init__(self) -> None:
        self.uuid: Optional[str] = None
        self.origin: Optional[str] = "ps.pndsn.com"
        self.ssl = True
        self.non_subscribe_request_timeout = 10
        self.subscribe_request_timeout = 310
        self.connect_timeout = 10
        self.subscribe_key: Optional[str] = None
        self.publish_key: Optional[str] = None
        self.secret_key: Optional[str] = None
        self.cipher_key: Optional[str] = None
        self.auth_key: Optional[str] = None
        self.filter_expression: Optional[str] = None
        self.enable_subscribe = True
        self.crypto_instance: Any = None
        self.log_verbosity = False
        self.enable_presence_heartbeat = False
        self.heartbeat_notification_options = PNHeartbeatNotificationOptions.FAILURES
        self.reconnect_policy = PNReconnectionPolicy.NONE
        self.maximum_reconnection_retries: Optional[int] = None
        # Reconnection timing (additions; the defaults keep 4.8.1's LINEAR/EXPONENTIAL shape).
        self._reconnection_base_delay: Optional[float] = None
        self._reconnection_max_delay: float = 32.0
        self._reconnection_jitter: float = 0.2
        self.daemon = False
        self.disable_token_manager = False
        self.use_random_initialization_vector = False
        self.suppress_leave_events = False
        self.heartbeat_default_values = True
        self._presence_timeout: Any = self.DEFAULT_PRESENCE_TIMEOUT
        self._heartbeat_interval: Any = self.DEFAULT_HEARTBEAT_INTERVAL

    def validate(self) -> None:
        """Fill in a random ``uuid`` when none was set (4.8.1 does this at client construction)."""
        if self.uuid is None:
            from pubnub import utils
            self.uuid = utils.uuid()
        elif not isinstance(self.uuid, str):
            raise TypeError("uuid must be a string")

    def scheme(self) -> str:
        return "https" if self.ssl else "http"

    def scheme_extended(self) -> str:
        return self.scheme() + "://"

    def scheme_and_host(self) -> str:
        return self.scheme_extended() + self.host()

    def host(self) -> str:
        """The origin to send requests to (``host[:port]``)."""
        return self.origin if self.origin is not None else "pubsub.pubnub.com"

    @property
    def port(self) -> int:
        """Kept for 4.8.1 compatibility; the port (if any) is part of ``origin``."""
        return 443 if self.ssl else 80

    def set_presence_timeout_with_custom_interval(self, timeout: Any, interval: Any) -> None:
        self.heartbeat_default_values = False
        self._presence_timeout = timeout
        self._heartbeat_interval = interval

    def set_presence_timeout(self, timeout: Any) -> None:
        self.set_presence_timeout_with_custom_interval(timeout, (timeout / 2) - 1)

    @property
    def presence_timeout(self) -> Any:
        return self._presence_timeout

    @property
    def heartbeat_interval(self) -> Any:
        return self._heartbeat_interval

    @property
    def subscribe_timeout(self) -> Any:
        """The documentation's name for ``subscribe_request_timeout`` (the same setting; seconds
        the subscribe long-poll may take, default 310)."""
        return self.subscribe_request_timeout

    @subscribe_timeout.setter
    def subscribe_timeout(self, seconds: Any) -> None:
        self.subscribe_request_timeout = seconds

    @property
    def reconnection_base_delay(self) -> Optional[float]:
        """Seconds: LINEAR's wait, EXPONENTIAL's first wait (None: 4.8.1's 3 s and 1 s)."""
        return self._reconnection_base_delay

    @reconnection_base_delay.setter
    def reconnection_base_delay(self, seconds: Optional[float]) -> None:
        self._reconnection_base_delay = None if seconds is None else _seconds("reconnection_base_delay", seconds)

    @property
    def reconnection_max_delay(self) -> float:
        """Seconds: no reconnection wait is longer (EXPONENTIAL starts over below it; default 32)."""
        return self._reconnection_max_delay

    @reconnection_max_delay.setter
    def reconnection_max_delay(self, seconds: float) -> None:
        self._reconnection_max_delay = _seconds("reconnection_max_delay", seconds)

    @property
    def reconnection_jitter(self) -> float:
        """0 to 1: each reconnection wait moves randomly by up to this fraction either way (default
        0.2), so that clients that lost the same server do not all come back at the same instant."""
        return self._reconnection_jitter

    @reconnection_jitter.setter
    def reconnection_jitter(self, fraction: float) -> None:
        if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 <= fraction <= 1:
            raise PubNubException(pn_error=PNERR_INVALID_CONFIGURATION,
                                  errormsg="reconnection_jitter must be a number from 0 to 1, not %r" % (fraction,))
        self._reconnection_jitter = float(fraction)

    @property
    def crypto(self) -> Any:
        """The message cipher (a ``PubNubCryptodome`` unless ``crypto_instance`` was set)."""
        if self.crypto_instance is not None:
            return self.crypto_instance
        from pubnub.crypto import PubNubCryptodome
        return PubNubCryptodome(self)

    @property
    def file_crypto(self) -> Any:
        from pubnub.crypto import PubNubFileCrypto
        return PubNubFileCrypto(self)
