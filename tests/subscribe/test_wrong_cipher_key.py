"""Subscribe: a message encrypted with another key is announced (PNDecryptionErrorCategory) and
delivered as received, for every one of many random wrong keys (see
tests/unit/test_wrong_cipher_keys.py for the cipher itself)."""
from __future__ import annotations

import logging
import random

from pubnub._subscription_dispatch import notifications_for
from pubnub.crypto import PubNubCryptodome
from pubnub.enums import PNStatusCategory

from .machine import make_client, message


def wrong_key_ciphertexts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    cipher = PubNubCryptodome(make_client().config)
    return [cipher.encrypt("%x" % rng.getrandbits(64), '"hi"') for _ in range(count)]


def test_subscribe_announces_a_decryption_error_for_every_wrong_key(caplog):
    client = make_client(cipher_key="the right key")
    with caplog.at_level(logging.ERROR, logger="pubnub"):
        for timetoken, text in enumerate(wrong_key_ciphertexts(7, 20000)):
            out = notifications_for(client, message("ch", text, timetoken))
            assert [method for method, _ in out] == ["status", "message"], text
            assert out[0][1].category == PNStatusCategory.PNDecryptionErrorCategory
            assert out[1][1].message == text  # delivered as received
