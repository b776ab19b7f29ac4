"""PubNubCrypto: the base of the message ciphers (4.8.1 ``pubnub.crypto_core``).

Layer: core. Imports no cipher library: it only fixes the interface a cipher offers, so an
application can supply its own as ``PNConfiguration.crypto_instance``. The client calls
``encrypt(key, msg)`` and ``decrypt(key, msg)`` with these two arguments only, so a cipher
written for 4.8.1 (without the ``use_random_iv`` keyword) keeps working.
"""
from __future__ import annotations

import hashlib
from typing import Any

__all__ = ["PubNubCrypto"]


class PubNubCrypto:
    """Base of the ciphers: holds the configuration (which may decide the IV mode).

    Subclasses implement ``encrypt(key, msg)`` (serialised message text -> base64 text) and
    ``decrypt(key, msg)`` (base64 text -> the parsed JSON value, or the text if it is not JSON).
    """

    def __init__(self, pubnub_config: Any = None) -> None:
        self.pubnub_configuration = pubnub_config

    @staticmethod
    def get_secret(key: str) -> str:
        """Lower-case hex SHA-256 of the cipher key; its first 32 characters are the AES key."""
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def encrypt(self, key: str, msg: Any) -> Any:
        """Encrypt ``msg`` with the cipher key ``key``."""
        raise NotImplementedError("%s does not implement encrypt()" % type(self).__name__)

    def decrypt(self, key: str, msg: Any) -> Any:
        """Decrypt ``msg`` with the cipher key ``key``."""
        raise NotImplementedError("%s does not implement decrypt()" % type(self).__name__)
