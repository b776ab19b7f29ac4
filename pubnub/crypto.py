"""Message and file encryption (legacy AES-256-CBC of the 4.x line).

Layer: core. The cipher key is the first 32 hex digits of SHA-256(cipher_key), used as ASCII
bytes. Messages use the fixed IV ``0123456789012345`` unless random IVs are configured, in which
case a random 16-digit IV is prepended to the ciphertext; files always use a random prepended IV.
"""
from __future__ import annotations

import base64
import json
import secrets
from typing import Any, Optional

from Cryptodome.Cipher import AES
from Cryptodome.Util.Padding import unpad

from pubnub.crypto_core import PubNubCrypto

__all__ = ["FIXED_IV", "Initial16bytes", "PubNubCrypto", "PubNubCryptodome", "PubNubFileCrypto",
           "decrypt_message", "encrypt_message"]

FIXED_IV = "0123456789012345"
Initial16bytes = FIXED_IV  # compat: 4.8.1 name

_BLOCK = 16


def _pad(data: bytes) -> bytes:
    count = _BLOCK - len(data) % _BLOCK
    return data + bytes((count,)) * count


def _unpad(data: bytes) -> bytes:
    """Strip PKCS#7 padding, checking every padding byte (ValueError when it is not valid).

    A wrong key decrypts to random bytes; checking only the last byte let about one in sixteen
    of them through as garbage. Every byte checked leaves about one in 256 (a final byte of 1),
    and for messages the UTF-8 decoding that follows refuses nearly all of those.
    """
    return bytes(unpad(data, _BLOCK, style="pkcs7"))


def _random_iv() -> str:
    return "%016d" % secrets.randbelow(10 ** 16)


def _aes(key: str, iv: bytes) -> Any:
    return AES.new(PubNubCrypto.get_secret(key)[:32].encode("ascii"), AES.MODE_CBC, iv)


def parse_plain_text(plain: str) -> Any:
    """A decrypted message: its parsed JSON value, or the text itself when it is not JSON (or
    JSON nested too deeply to read)."""
    try:
        return json.loads(plain)
    except (ValueError, RecursionError):
        return plain


class PubNubCryptodome(PubNubCrypto):
    """Encrypts message text to base64 and back (``pubnub.crypto.PubNubCryptodome``)."""

    def _random_iv_enabled(self, use_random_iv: bool) -> bool:
        configured = getattr(self.pubnub_configuration, "use_random_initialization_vector", False)
        return bool(use_random_iv or configured)

    def encrypt(self, key: str, msg: str, use_random_iv: bool = False) -> str:
        iv = self.get_initialization_vector(use_random_iv).encode("ascii")
        ciphertext = _aes(key, iv).encrypt(_pad(msg.encode("utf-8")))
        return base64.b64encode(self.append_random_iv(ciphertext, use_random_iv, iv)).decode("ascii")

    def decrypt(self, key: str, msg: str, use_random_iv: bool = False) -> Any:
        """Decrypt base64 text; return the parsed JSON value, or the text if it is not JSON."""
        iv, ciphertext = self.extract_random_iv(base64.b64decode(msg), use_random_iv)
        return parse_plain_text(_unpad(_aes(key, iv).decrypt(ciphertext)).decode("utf-8"))

    def append_random_iv(self, message: bytes, use_random_iv: bool, initialization_vector: bytes) -> bytes:
        if self._random_iv_enabled(use_random_iv):
            return initialization_vector + message
        return message

    def extract_random_iv(self, message: bytes, use_random_iv: bool) -> tuple[bytes, bytes]:
        if self._random_iv_enabled(use_random_iv):
            return message[:_BLOCK], message[_BLOCK:]
        return FIXED_IV.encode("ascii"), message

    def get_initialization_vector(self, use_random_iv: bool) -> str:
        return _random_iv() if self._random_iv_enabled(use_random_iv) else FIXED_IV


class PubNubFileCrypto(PubNubCrypto):
    """Encrypts file bytes: random IV always, stored as ``IV || ciphertext``."""

    def encrypt(self, key: str, file: Any, use_random_iv: bool = True) -> bytes:
        data = file.read() if hasattr(file, "read") else file
        if isinstance(data, str):
            data = data.encode("utf-8")
        iv = _random_iv().encode("ascii")
        return iv + _aes(key, iv).encrypt(_pad(bytes(data)))

    def decrypt(self, key: str, file: Any, use_random_iv: bool = True) -> bytes:
        data = file.read() if hasattr(file, "read") else file
        return _unpad(_aes(key, bytes(data[:_BLOCK])).decrypt(bytes(data[_BLOCK:])))


def encrypt_message(config: Any, text: str, key: Optional[str] = None) -> str:
    """Encrypt serialised message text with the configuration's cipher."""
    return str(config.crypto.encrypt(key or config.cipher_key, text))


def decrypt_message(config: Any, payload: Any, key: Optional[str] = None) -> Any:
    """Decrypt a stored or delivered payload with the configuration's cipher."""
    return config.crypto.decrypt(key or config.cipher_key, payload)
