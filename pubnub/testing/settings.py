"""Settings of the local PubNub-compatible server (``pubnub.testing``).

Layer: test server. Plain data; imports nothing from the client or from Tornado.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class ServerSettings:
    """Every tunable of the test server, with defaults modelled on the real service.

    All per-channel collections are capped here so that the server's memory stays bounded
    whatever the load: history, catch-up buffers, message actions, occupants, channels per
    key space and key spaces themselves.
    """

    #: With a secret key every request except ``/time/0`` must carry a valid signature.
    secret_key: Optional[str] = None
    #: The publish key of the signed string for paths that do not carry one (all but publish/signal).
    publish_key: str = "demo"
    #: How long a subscribe long-poll is held when nothing arrives (the real service: minutes).
    long_poll_seconds: float = 280.0
    #: Per-channel catch-up buffer for subscribers reconnecting with an older cursor.
    catchup_messages: int = 100
    catchup_seconds: float = 20 * 60.0
    #: Messages in one subscribe response; the cursor lets the client fetch the rest.
    max_messages_per_response: int = 100
    history_per_channel: int = 1000
    actions_per_channel: int = 1000
    max_channels: int = 100_000
    max_keyspaces: int = 1000
    max_channels_per_group: int = 2000
    max_groups: int = 10_000
    max_occupants_per_channel: int = 10_000
    #: Payload limits: the service answers ``Message Too Large`` / ``Signal size too large``.
    max_message_bytes: int = 32 * 1024
    max_signal_bytes: int = 64
    #: Presence timeout when a subscribe/heartbeat gives no ``heartbeat`` value (seconds).
    presence_timeout: int = 300
    #: How often presence timeouts are checked.
    presence_sweep_seconds: float = 1.0
    #: How often channels that hold nothing any more are dropped.
    channel_sweep_seconds: float = 60.0
    #: The region number sent as ``t.r`` / ``p.r``.
    region: int = 1
    #: Largest request body accepted at all (larger bodies close the connection).
    max_body_bytes: int = 1024 * 1024
