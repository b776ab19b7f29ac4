"""PNConfiguration: the settings of one client (4.8.1 attribute names and defaults)."""
from __future__ import annotations

from typing import Any, Optional

from pubnub.enums import PNHeartbeatNotificationOptions, PNReconnectionPolicy


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
