"""PubNubCore: what every client shares (configuration, managers, the endpoint factories).

Layer: core. Knows nothing of how requests are sent or callbacks run; the clients
(``PubNubTornado``, ``PubNub``) add a transport and an execution model.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Callable, List

from pubnub._api import EndpointFactories
from pubnub._version import __version__
from pubnub.builders import SubscribeBuilder, UnsubscribeBuilder
from pubnub.errors import PNERR_DEFERRED_NOT_IMPLEMENTED
from pubnub.exceptions import PubNubException
from pubnub.managers import (
    BasePathManager,
    PublishSequenceManager,
    TelemetryManager,
    TokenManager,
    TokenManagerProperties,
)

if TYPE_CHECKING:
    from pubnub._context import ClientContext

logger = logging.getLogger("pubnub")


class PubNubCore(EndpointFactories):
    """Shared base of the clients: configuration, managers, listeners, tokens; endpoints come from
    ``EndpointFactories``."""

    SDK_VERSION = __version__
    SDK_NAME = "PubNub-Python"

    TIMESTAMP_DIVIDER = 1000
    MAX_SEQUENCE = 65535

    def __init__(self, config: Any) -> None:
        self.config = config
        self.config.validate()
        self._publish_sequence_manager = PublishSequenceManager(self.MAX_SEQUENCE)
        self._telemetry_manager = self._create_telemetry_manager()
        self._sdk_name = "%s%s/%s" % (self.SDK_NAME, self.sdk_platform(), self.SDK_VERSION)
        self._subscription_manager: Any = None  # a client with a subscription driver creates it
        self._token_manager = TokenManager()
        self._base_path_manager = BasePathManager(config)

    def _create_telemetry_manager(self) -> TelemetryManager:
        return TelemetryManager()

    def sdk_platform(self) -> str:
        return ""

    @property
    def sdk_name(self) -> str:
        """``pnsdk`` and User-Agent value, e.g. ``PubNub-Python-Tornado/4.9.0``."""
        return self._sdk_name

    @property
    def base_origin(self) -> str:
        """The origin requests go to (``host[:port]``; 4.8.1 request handlers read it)."""
        return self._base_path_manager.get_base_path()

    @property
    def version(self) -> str:
        return self.SDK_VERSION

    @property
    def uuid(self) -> Any:
        return self.config.uuid

    def timestamp(self) -> int:
        """Unix time in whole seconds: the ``timestamp`` of signed requests."""
        return int(time.time())

    # ----- file encryption ---------------------------------------------------------------
    def encrypt(self, cipher_key: str, file: Any) -> bytes:
        """Encrypt file bytes (or a file object) as ``send_file`` does."""
        return bytes(self.config.file_crypto.encrypt(cipher_key, file))

    def decrypt(self, cipher_key: str, file: Any) -> bytes:
        """Decrypt file bytes (or a file object) as ``download_file`` does."""
        return bytes(self.config.file_crypto.decrypt(cipher_key, file))

    # ----- Access Manager v3 tokens ----------------------------------------------------------
    def set_token(self, token: str) -> None:
        """Store a token granted by ``grant_token()`` for later lookups."""
        self._token_manager.set_token(token)

    def set_tokens(self, tokens: Any) -> None:
        self._token_manager.set_tokens(tokens)

    def get_token(self, tms_properties: Any) -> Any:
        return self._token_manager.get_token(tms_properties)

    def get_token_by_resource(self, resource_id: str, resource_type: Any) -> Any:
        return self._token_manager.get_token(TokenManagerProperties(resource_type, resource_id))

    def get_tokens(self) -> Any:
        return self._token_manager.get_tokens()

    def get_tokens_by_resource(self, resource_type: Any) -> Any:
        return self._token_manager.get_tokens_by_resource(resource_type)

    # ----- subscribe and listeners -------------------------------------------------------
    def _require_subscription_manager(self) -> Any:
        if self._subscription_manager is None:
            raise PubNubException(pn_error="Subscription manager is not enabled for this instance",
                                  errormsg="set config.enable_subscribe = True")
        return self._subscription_manager

    def add_listener(self, listener: Any) -> None:
        """Register a ``SubscribeCallback``: it receives every status, message and event."""
        self._require_subscription_manager().add_listener(listener)

    def remove_listener(self, listener: Any) -> None:
        self._require_subscription_manager().remove_listener(listener)

    def subscribe(self) -> SubscribeBuilder:
        """``subscribe().channels(..).channel_groups(..).with_presence().with_timetoken(tt).execute()``."""
        return SubscribeBuilder(self._subscription_manager)

    def unsubscribe(self) -> UnsubscribeBuilder:
        """``unsubscribe().channels(..).channel_groups(..).execute()``."""
        return UnsubscribeBuilder(self._subscription_manager)

    def unsubscribe_all(self) -> None:
        """Leave every subscribed channel and group."""
        self._require_subscription_manager().unsubscribe_all()

    def reconnect(self) -> None:
        """Restart the subscription now, from where the stream stopped."""
        self._require_subscription_manager().reconnect()

    def get_subscribed_channels(self) -> List[str]:
        if self._subscription_manager is None:
            return []
        return list(self._subscription_manager.get_subscribed_channels())

    def get_subscribed_channel_groups(self) -> List[str]:
        if self._subscription_manager is None:
            return []
        return list(self._subscription_manager.get_subscribed_channel_groups())

    # ----- execution modes (a client overrides the ones it supports) ----------------------
    def _unsupported(self, mode: str) -> PubNubException:
        return PubNubException(errormsg="%s() is not available on %s" % (mode, type(self).__name__),
                               pn_error="Unsupported execution mode")

    def request_sync(self, endpoint: Any) -> Any:
        raise self._unsupported("sync")

    def request_async(self, endpoint: Any, callback: Callable[..., Any]) -> Any:
        raise self._unsupported("pn_async")

    def request_future(self, endpoint: Any) -> Any:
        raise self._unsupported("future")

    def request_result(self, endpoint: Any) -> Any:
        raise self._unsupported("result")

    def request_deferred(self, endpoint: Any) -> Any:
        """``.deferred()`` (Twisted only in 4.x): no client here offers it."""
        raise PubNubException(pn_error=PNERR_DEFERRED_NOT_IMPLEMENTED)


if TYPE_CHECKING:
    def _is_a_client_context(client: PubNubCore) -> ClientContext:
        return client  # mypy checks here that every client gives the core all it reads
