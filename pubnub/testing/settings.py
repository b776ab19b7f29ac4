"""Settings of the local PubNub-compatible server (``pubnub.testing``).

Layer: test server. Plain data; imports nothing from the client or from Tornado.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple


@dataclass
class ServerSettings:
    """Every tunable of the test server, with defaults modelled on the real service.

    All per-channel collections are capped here so that the server's memory stays bounded
    whatever the load: history, catch-up buffers, message actions, occupants, channels per
    key space and key spaces themselves.
    """

    #: With a secret key, Access Manager is on: a request that carries a ``signature`` must be
    #: signed correctly and may then do anything; admin calls (grant, audit, grant_token) must
    #: be signed; every other request is checked against the grants for its ``auth``.
    secret_key: Optional[str] = None
    #: The publish key of the signed string for paths that do not carry one (all but publish/signal);
    #: with ``keys`` set, the publish key paired with the request's subscribe key is used instead.
    publish_key: str = "demo"
    #: The known keysets, as (publish key, subscribe key) pairs, e.g.
    #: ``[("pub-c-a", "sub-c-a"), ("pub-c-b", "sub-c-b")]`` (command line:
    #: ``--keys pub-c-a/sub-c-a,pub-c-b/sub-c-b``). None (the default): every key is accepted.
    #: When set, a request whose subscribe key is none of these gets the service's answer for an
    #: invalid key, ``400 {"message":"Invalid Subscribe Key","error":true,"service":"Access
    #: Manager","status":400}`` (message actions: ``400 {"status": 400, "error": {"source":
    #: "actions", "message": "Invalid Subkey"}}``); a publish, signal, fire or file message whose
    #: publish key is none of these gets ``400 [0,"Invalid Key","<timetoken>"]``, and one whose
    #: publish key belongs to another subscribe key the ``Invalid Subscribe Key`` answer.
    keys: Optional[Sequence[Tuple[str, str]]] = None
    #: How long a subscribe long-poll is held when nothing arrives (the real service: minutes).
    long_poll_seconds: float = 280.0
    #: Per-channel catch-up buffer for subscribers reconnecting with an older cursor.
    catchup_messages: int = 100
    catchup_seconds: float = 20 * 60.0
    #: Messages in one subscribe response; the cursor lets the client fetch the rest.
    max_messages_per_response: int = 100
    history_per_channel: int = 1000
    actions_per_channel: int = 1000
    #: Most message actions one history-with-actions answer carries: past it the answer stops
    #: early and adds ``more`` (the service's own limit was not recorded).
    history_actions_limit: int = 1000
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
    #: Largest request body accepted at all (larger bodies get a 413 and the connection is
    #: closed); above the file limit, so an oversize upload gets the storage service's own 400.
    max_body_bytes: int = 6 * 1024 * 1024
    #: Request bodies being read or handled, all connections together: a body is reserved
    #: against this before it is read, and one that does not fit gets a 503.
    max_buffered_body_bytes: int = 32 * 1024 * 1024
    #: Longest request line (the service's ``414 Request URI Too Long`` past it) and largest
    #: header section (``431 Request Header Fields Too Large``).
    max_request_line_bytes: int = 64 * 1024
    max_header_bytes: int = 32 * 1024
    #: Open client connections; one more is answered 503 and closed.
    max_connections: int = 4096
    #: A request head must arrive within this many seconds of its first byte (a new connection
    #: must send one that soon), a body within ``body_timeout_seconds``, and a keep-alive
    #: connection is closed when an answer is not read and no next request comes within
    #: ``idle_timeout_seconds``. A parked subscribe long-poll is not idle: ``long_poll_seconds``
    #: applies.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    idle_timeout_seconds: float = 120.0
    #: Memory the stored data may take: messages (history and catch-up windows share one copy
    #: of each), message actions, files and Objects, counted as the memory their Python objects
    #: take; 1/16 of it is left for what serving needs around them (buffers, allocator slack),
    #: so the process grows by no more than this. Past it the oldest stored data goes first; a
    #: channel's catch-up window goes whole, and only once everything stored before its oldest
    #: event is gone.
    max_stored_bytes: int = 256 * 1024 * 1024
    #: ``host[:port]`` of the absolute URLs the server hands out (upload forms, download
    #: redirects), e.g. when it is reached through a container port or a proxy. None: the
    #: address it listens on. The request's ``Host`` header is never used.
    public_origin: Optional[str] = None
    #: Access Manager: how far (seconds) a signed request's ``timestamp`` may be from the
    #: server's wall clock, either way (the service: about 60); a missing one is refused too.
    signature_window_seconds: float = 60.0
    #: Access Manager: v2 grants kept per key space (each channel/group/uuid x auth key is one).
    max_grants: int = 100_000
    #: Access Manager: v3 tokens decoded and verified, cached by their text.
    token_cache_size: int = 1024
    #: Channel groups are capped above (``max_groups``, ``max_channels_per_group``).
    #: Mobile push: devices (device x type, or x topic x environment for APNS2) per key space,
    #: and channels per device.
    max_push_devices: int = 100_000
    max_push_channels_per_device: int = 1000
    #: Objects v2: uuid and channel metadata objects per key space, memberships per uuid
    #: (each membership is also a member of its channel), size of one ``custom`` object.
    max_object_uuids: int = 10_000
    max_object_channels: int = 10_000
    max_memberships_per_uuid: int = 1000
    max_members_per_channel: int = 10_000
    max_custom_bytes: int = 4096
    #: Objects v2: memberships per key space in all.
    max_memberships: int = 100_000
    #: Files: the upload limit (the recorded service policy: 5 MiB), files kept per channel,
    #: bytes kept by the whole server (the oldest files go first), upload forms handed out and
    #: not used yet (server-wide) and how long an upload form stays valid.
    max_file_bytes: int = 5 * 1024 * 1024
    max_files_per_channel: int = 100
    max_stored_file_bytes: int = 64 * 1024 * 1024
    max_pending_uploads: int = 1000
    upload_form_seconds: float = 3600.0
