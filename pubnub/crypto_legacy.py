"""PubNubCryptoLegacy: 4.8.1's fixed-IV message cipher (``pubnub.crypto_legacy``).

Layer: core. 4.8.1 built it on the old ``pycrypto`` package; here it runs on ``pycryptodomex``
and gives the same ciphertext: AES-256-CBC, the key being the first 32 characters of the hex
SHA-256 of the cipher key (as ASCII bytes), the fixed IV ``0123456789012345``, PKCS#7 padding,
base64 text. It never uses a random IV (``PNConfiguration.use_random_initialization_vector`` is
the ``PubNubCryptodome`` cipher's setting). Typical use::

    config.crypto_instance = PubNubCryptoLegacy()
"""
from __future__ import annotations

import base64
from typing import Any

from pubnub.crypto import FIXED_IV, _aes, _pad, _unpad, parse_plain_text
from pubnub.crypto_core import PubNubCrypto

__all__ = ["PubNubCryptoLegacy"]


class PubNubCryptoLegacy(PubNubCrypto):
    """The two-argument fixed-IV cipher: ``encrypt(key, msg)`` / ``decrypt(key, msg)``."""

    def encrypt(self, key: str, msg: Any) -> str:
        """Encrypt message text (``str`` or UTF-8 ``bytes``) to base64 text."""
        data = msg.encode("utf-8") if isinstance(msg, str) else bytes(msg)
        return base64.b64encode(_aes(key, FIXED_IV.encode("ascii")).encrypt(_pad(data))).decode("ascii")

    def decrypt(self, key: str, msg: Any) -> Any:
        """Decrypt base64 text; return the parsed JSON value, or the text if it is not JSON."""
        plain = _unpad(_aes(key, FIXED_IV.encode("ascii")).decrypt(base64.b64decode(msg)))
        return parse_plain_text(plain.decode("utf-8"))
