"""A wrong cipher key must take the decryption-error path, never return garbage silently.

A wrong key decrypts to random bytes. The PKCS#7 check used to look at the last byte only, so
about one wrong key in sixteen "succeeded" (167 of 20,000 for a one-block message); every
padding byte is checked now. Each path is tried with 20,000 random wrong keys (a seeded
generator, so a failure reproduces).
"""
from __future__ import annotations

import logging
import random

import pytest

from pubnub import crypto
from pubnub.crypto import PubNubCryptodome, PubNubFileCrypto
from pubnub.crypto_legacy import PubNubCryptoLegacy

from .support import answer, make_client, make_config

KEYS = 20000
# One block (the case that failed), a JSON object, two blocks.
PLAINTEXTS = ['"hi"', '{"text": "hello"}', '"a message of two blocks!!"']


def wrong_keys(seed: int, count: int = KEYS) -> list[str]:
    rng = random.Random(seed)
    return ["%x" % rng.getrandbits(rng.choice((32, 64, 128))) for _ in range(count)]


def silently_decrypted(decrypt, ciphertext, keys) -> list[str]:
    """The keys for which ``decrypt(key, ciphertext)`` returned instead of raising."""
    accepted = []
    for key in keys:
        try:
            decrypt(key, ciphertext)
        except ValueError:
            continue
        accepted.append(key)
    return accepted


def test_fixed_iv_messages():
    cipher = PubNubCryptodome(make_config())
    for plaintext in PLAINTEXTS:
        ciphertext = cipher.encrypt("the right key", plaintext)
        assert silently_decrypted(cipher.decrypt, ciphertext, wrong_keys(1)) == [], plaintext


@pytest.fixture
def seeded_ivs(monkeypatch):
    """Random IVs from a seeded generator, so that a failure reproduces.

    With a fresh IV the ciphertext, and so what each wrong key decrypts to, changed from run to
    run: about one run in seventy met a key whose 16 random bytes ended in 0x01 and were valid
    UTF-8, which the 4.x format (no authentication tag) cannot refuse.
    """
    rng = random.Random(7)
    monkeypatch.setattr(crypto, "_random_iv", lambda: "%016d" % rng.randrange(10 ** 16))


def test_random_iv_messages(seeded_ivs):
    cipher = PubNubCryptodome(make_config(use_random_initialization_vector=True))
    for plaintext in PLAINTEXTS:
        ciphertext = cipher.encrypt("the right key", plaintext)
        assert silently_decrypted(cipher.decrypt, ciphertext, wrong_keys(2)) == [], plaintext


def test_legacy_cipher():
    cipher = PubNubCryptoLegacy()
    for plaintext in PLAINTEXTS:
        ciphertext = cipher.encrypt("the right key", plaintext)
        assert silently_decrypted(cipher.decrypt, ciphertext, wrong_keys(3)) == [], plaintext


def test_files_fail_as_often_as_pkcs7_allows(seeded_ivs):
    # Files are bytes: no UTF-8 or JSON check follows the padding, and the 4.x format carries no
    # authentication tag, so a final decrypted byte of 1 (one key in 256) still passes as
    # padding. Checking every padding byte brings the rate to that limit (it was one in 16).
    files = PubNubFileCrypto(make_config())
    blob = files.encrypt("the right key", b"the file's bytes")
    accepted = silently_decrypted(files.decrypt, blob, wrong_keys(4))
    assert len(accepted) < KEYS / 160


def entries_for_wrong_keys(seed: int, count: int = KEYS) -> list[str]:
    """``count`` ciphertexts, each made with a different key that is not the reader's."""
    cipher = PubNubCryptodome(make_config())
    return [cipher.encrypt(key, '"hi"') for key in wrong_keys(seed, count)]


def test_history_returns_every_undecryptable_entry_as_received(caplog):
    client = make_client(cipher_key="the right key")
    entries = entries_for_wrong_keys(5, KEYS)
    with caplog.at_level(logging.ERROR, logger="pubnub"):  # one warning per entry: not kept
        envelope = answer(client.history().channel("ch"), [entries, 1, 2])
    assert not envelope.status.is_error()
    assert [item.entry for item in envelope.result.messages] == entries


def test_fetch_messages_returns_every_undecryptable_message_as_received(caplog):
    client = make_client(cipher_key="the right key")
    entries = entries_for_wrong_keys(6, KEYS)
    body = {"status": 200, "channels": {"c": [{"message": text, "timetoken": str(i)}
                                              for i, text in enumerate(entries)]}}
    with caplog.at_level(logging.ERROR, logger="pubnub"):
        envelope = answer(client.fetch_messages().channels("c"), body)
    assert [item.message for item in envelope.result.channels["c"]] == entries
