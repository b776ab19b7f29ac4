"""The 4.8.1 cipher modules: ``pubnub.crypto_core.PubNubCrypto``, ``pubnub.crypto_legacy.PubNubCryptoLegacy``,
and a two-argument ``crypto_instance`` used by publish, history, fetch and subscribe."""
from __future__ import annotations

from typing import Any, List

import pytest

from pubnub.crypto import PubNubCryptodome
from pubnub.crypto_core import PubNubCrypto
from pubnub.crypto_legacy import PubNubCryptoLegacy
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub, SubscribeListener

# ----- the cipher modules ----------------------------------------------------------------------------
# protocol/CORE.md §5.2 (fixed IV)
VECTORS = [
    ("myCipherKey", '"hello"', "tEjX0ir9ImpBqBYowXnryw==", "hello"),
    ("myCipherKey", '{"text": "hello world"}', "JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI=", {"text": "hello world"}),
    ("myCipherKey", '"h\u00e9"', "5NhWOmPjSkycr3thKt0GQg==", "h\u00e9"),
    ("myCipherKey", '"0123456789abcd"', "u8wORZulau8FCq2Wr9qoEHtreWu6TKCL9bRLtwNoKug=", "0123456789abcd"),
    ("testKey", '"hey-0"', "QfD1NCBJCmt1aPPGU2cshw==", "hey-0"),
    ("testKey", '["encrypted", "list", "POST"]', "M1ScRuKXCKfL/CQTTWnsvA3JeWehc1Cp2AD5dmPl4c4=",
     ["encrypted", "list", "POST"]),
]


@pytest.mark.parametrize("key, plain, sealed, value", VECTORS)
def test_legacy_cipher_matches_the_vectors_and_cryptodome(key: str, plain: str, sealed: str, value: Any) -> None:
    legacy = PubNubCryptoLegacy()
    assert legacy.encrypt(key, plain) == sealed
    assert legacy.decrypt(key, sealed) == value
    assert PubNubCryptodome(PNConfiguration()).encrypt(key, plain) == sealed


def test_legacy_cipher_ignores_the_random_iv_setting() -> None:
    config = PNConfiguration()
    config.use_random_initialization_vector = True
    assert PubNubCryptoLegacy(config).encrypt("myCipherKey", '"hello"') == "tEjX0ir9ImpBqBYowXnryw=="
    legacy = PubNubCryptoLegacy()
    assert legacy.decrypt("myCipherKey", legacy.encrypt("myCipherKey", "not json")) == "not json"


def test_crypto_core_base() -> None:
    assert issubclass(PubNubCryptodome, PubNubCrypto) and issubclass(PubNubCryptoLegacy, PubNubCrypto)
    import pubnub.crypto
    assert pubnub.crypto.PubNubCrypto is PubNubCrypto
    base = PubNubCrypto()
    assert base.pubnub_configuration is None
    assert PubNubCrypto.get_secret("myCipherKey")[:32] == "8c33871ac40eea7eb80fdd88465c48f0"
    with pytest.raises(NotImplementedError):
        base.encrypt("k", "m")
    with pytest.raises(NotImplementedError):
        base.decrypt("k", "m")


class TwoArgumentCipher(PubNubCrypto):
    """A 4.8.1-style custom cipher: ``encrypt(key, msg)`` / ``decrypt(key, msg)``, no keywords."""

    def __init__(self) -> None:
        super().__init__()
        self.inner = PubNubCryptoLegacy()
        self.calls: List[str] = []

    def encrypt(self, key, msg):  # type: ignore[no-untyped-def]
        self.calls.append("encrypt")
        return self.inner.encrypt(key, msg)

    def decrypt(self, key, msg):  # type: ignore[no-untyped-def]
        self.calls.append("decrypt")
        return self.inner.decrypt(key, msg)


def test_two_argument_crypto_instance_on_every_path(pubnub_config: Any) -> None:
    cipher = TwoArgumentCipher()
    pubnub_config.cipher_key = "testKey"
    pubnub_config.crypto_instance = cipher
    client = PubNub(pubnub_config)
    listener = SubscribeListener()
    client.add_listener(listener)
    try:
        client.subscribe().channels("enc").execute()
        listener.wait_for_connect(timeout=5)
        client.publish().channel("enc").message("hey-0").sync()
        client.publish().channel("enc").message({"n": 1}).use_post(True).sync()
        assert listener.wait_for_message_on("enc", timeout=5).message == "hey-0"
        assert listener.wait_for_message_on("enc", timeout=5).message == {"n": 1}
        history = client.history().channel("enc").sync().result
        assert [item.entry for item in history.messages] == ["hey-0", {"n": 1}]
        fetched = client.fetch_messages().channels("enc").sync().result
        assert [item.message for item in fetched.channels["enc"]] == ["hey-0", {"n": 1}]
        # what was stored is the legacy cipher's text: another client reading raw sees it
        raw = PNConfiguration()
        raw.origin, raw.ssl, raw.subscribe_key, raw.publish_key = pubnub_config.origin, False, "demo", "demo"
        stored = PubNub(raw).history().channel("enc").sync().result.messages[0].entry
        assert stored == "QfD1NCBJCmt1aPPGU2cshw=="
        assert cipher.calls.count("encrypt") == 2 and cipher.calls.count("decrypt") >= 6
    finally:
        client.stop()
