"""Results of ``pubnub.history()`` (v2) and ``pubnub.fetch_messages()`` (v3).

Layer: models. Imports nothing from the clients or transports; decryption goes through the
cipher object handed in by the endpoint (``config.crypto``).

With a cipher key every stored message is decrypted. A message that cannot be decrypted (it
was stored unencrypted, or with another key) is kept exactly as received and a warning is
logged: 4.8.1 failed the whole history call with a raw exception there, and did not decrypt
fetched messages at all.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

logger = logging.getLogger("pubnub")


def decrypt_or_keep(crypto: Any, cipher_key: str, payload: Any, what: str) -> Any:
    """``crypto.decrypt(cipher_key, payload)``, or ``payload`` unchanged when that fails."""
    try:
        return crypto.decrypt(cipher_key, payload)
    except Exception as e:  # any cipher (also a user-supplied crypto_instance) may refuse a payload
        logger.warning("%s could not be decrypted (%s); returned as received", what, type(e).__name__)
        return payload


class PNHistoryItemResult:
    """One history entry: ``entry`` (the message), ``timetoken`` and ``meta`` when requested."""

    def __init__(self, entry: Any, crypto: Any = None, timetoken: Any = None, meta: Any = None) -> None:
        self.timetoken = timetoken
        self.meta = meta
        self.entry = entry
        self.crypto = crypto

    def decrypt(self, cipher_key: str) -> None:
        """Replace ``entry`` by its decrypted value (kept as is when it cannot be decrypted)."""
        self.entry = decrypt_or_keep(self.crypto, cipher_key, self.entry, "History message")

    def __str__(self) -> str:
        return "History item with tt: %s and content: %s" % (self.timetoken, self.entry)


class PNHistoryResult:
    """``messages`` (list of ``PNHistoryItemResult``), ``start_timetoken``, ``end_timetoken``."""

    def __init__(self, messages: List[PNHistoryItemResult], start_timetoken: Any, end_timetoken: Any) -> None:
        self.messages = messages
        self.start_timetoken = start_timetoken
        self.end_timetoken = end_timetoken

    @classmethod
    def from_json(cls, json_input: Any, crypto: Any, include_timetoken: bool = False, include_meta: bool = False,
                  cipher: Optional[str] = None) -> PNHistoryResult:
        """Build the result from the ``[messages, start, end]`` array of ``/v2/history``.

        An entry is unwrapped (``{"message": ..., "timetoken": ..., "meta": ...}``) only when
        timetokens or meta were requested, and only the requested fields are copied.
        """
        messages = []
        for item in json_input[0]:
            if (include_timetoken or include_meta) and isinstance(item, dict) and "message" in item:
                message = PNHistoryItemResult(item["message"], crypto)
                if include_timetoken and "timetoken" in item:
                    message.timetoken = item["timetoken"]
                if include_meta and "meta" in item:
                    message.meta = item["meta"]
            else:
                message = PNHistoryItemResult(item, crypto)
            if cipher:
                message.decrypt(cipher)
            messages.append(message)
        return cls(messages, json_input[1], json_input[2])

    def __str__(self) -> str:
        return "History result for range %s..%s" % (self.start_timetoken, self.end_timetoken)


class PNFetchMessageItem:
    """One fetched message: ``message``, ``timetoken`` (string), ``meta``, ``actions``.

    ``actions`` maps action type -> value -> list of ``{"uuid", "actionTimetoken"}``; it is
    ``{}`` for a message without actions when actions were requested, else None.
    """

    def __init__(self, message: Any, timetoken: Any, meta: Any = None, actions: Any = None) -> None:
        self.message = message
        self.meta = meta
        self.timetoken = timetoken
        self.actions = actions

    def __str__(self) -> str:
        return "Fetch message item with tt: %s and content: %s" % (self.timetoken, self.message)


class PNFetchMessagesResult:
    """``channels``: channel name -> list of ``PNFetchMessageItem``, oldest first.

    ``start_timetoken``/``end_timetoken`` are the bounds that were requested (None when unset).
    ``more`` is the service's continuation object (``url``, ``start``, ...) when it truncated
    the page, else None (4.8.1 dropped it).
    """

    def __init__(self, channels: Dict[str, List[PNFetchMessageItem]], start_timetoken: Any, end_timetoken: Any,
                 more: Optional[Dict[str, Any]] = None) -> None:
        self.channels = channels
        self.start_timetoken = start_timetoken
        self.end_timetoken = end_timetoken
        self.more = more

    @classmethod
    def from_json(cls, json_input: Dict[str, Any], include_message_actions: bool = False,
                  start_timetoken: Any = None, end_timetoken: Any = None, crypto: Any = None,
                  cipher: Optional[str] = None) -> PNFetchMessagesResult:
        """Build the result from a ``/v3/history`` or ``/v3/history-with-actions`` body."""
        channels: Dict[str, List[PNFetchMessageItem]] = {}
        for name, items in (json_input.get("channels") or {}).items():
            channel_items = channels[name] = []
            for item in items:
                message = item.get("message")
                if cipher:
                    message = decrypt_or_keep(crypto, cipher, message, "Fetched message")
                fetched = PNFetchMessageItem(message, item.get("timetoken"), item.get("meta"))
                if include_message_actions:
                    fetched.actions = item.get("actions", {})
                channel_items.append(fetched)
        more = json_input.get("more")
        return cls(channels, start_timetoken, end_timetoken, more if more else None)

    def __str__(self) -> str:
        return "Fetch messages result for range %s..%s" % (self.start_timetoken, self.end_timetoken)
