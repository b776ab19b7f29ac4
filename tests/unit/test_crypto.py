"""Message and file encryption: every vector of CORE.md §5.2, IV modes, file round trips."""
from __future__ import annotations

import hashlib
import io

import pytest
from Cryptodome.Cipher import AES

from pubnub.crypto import PubNubCryptodome, PubNubFileCrypto

from .support import make_config

# (cipher_key, exact plaintext, base64 ciphertext, value decrypt() returns)
FIXED_IV_VECTORS = [
    ("myCipherKey", '"hello"', "tEjX0ir9ImpBqBYowXnryw==", "hello"),
    ("myCipherKey", '{"text": "hello world"}', "JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI=", {"text": "hello world"}),
    ("myCipherKey", '"h\\u00e9"', "ZE8VLi+78WDBeUAWtRxIdQ==", "h\u00e9"),
    ("myCipherKey", '"h\u00e9"', "5NhWOmPjSkycr3thKt0GQg==", "h\u00e9"),
    ("myCipherKey", '"0123456789abcd"', "u8wORZulau8FCq2Wr9qoEHtreWu6TKCL9bRLtwNoKug=", "0123456789abcd"),
    ("testKey", '"hey-0"', "QfD1NCBJCmt1aPPGU2cshw==", "hey-0"),
    ("testKey", '"hey"', "D7oVjBCciNszAo/EROu5Jw==", "hey"),
    ("testKey", '{"name": "Alex", "online": true}',
     "9P/7+NNs54o7Go41yh+3rIn8BW0H0ad+mKlKTKGw2i1eoQP1ddHrnIzkRUPEC3ko", {"name": "Alex", "online": True}),
    ("testKey", '["encrypted", "list", "POST"]', "M1ScRuKXCKfL/CQTTWnsvA3JeWehc1Cp2AD5dmPl4c4=",
     ["encrypted", "list", "POST"]),
]
RANDOM_IV = "4821039576251234"
FILE_IV = b"9876543210987654"
RANDOM_IV_CIPHERTEXT = "NDgyMTAzOTU3NjI1MTIzNGOCoMYv6eFjxSyni9Zt9T4="


@pytest.mark.parametrize(("key", "plaintext", "ciphertext", "value"), FIXED_IV_VECTORS)
def test_fixed_iv_encrypt(key, plaintext, ciphertext, value):
    assert PubNubCryptodome(make_config()).encrypt(key, plaintext) == ciphertext


@pytest.mark.parametrize(("key", "plaintext", "ciphertext", "value"), FIXED_IV_VECTORS)
def test_fixed_iv_decrypt(key, plaintext, ciphertext, value):
    assert PubNubCryptodome(make_config()).decrypt(key, ciphertext) == value


def test_vector_plaintext_byte_lengths():
    assert len('"h\u00e9"'.encode()) == 5
    assert len(b'"0123456789abcd"') == 16  # a full block of padding follows


def test_key_derivation():
    assert PubNubCryptodome.get_secret("myCipherKey") == (
        "8c33871ac40eea7eb80fdd88465c48f0ee10054de5dfe77af9ed8c0ef626663e")
    assert PubNubCryptodome.get_secret("testKey")[:32] == "15291f67d99ea7bc578c3544dadfbb99"


def test_random_iv_vector_by_keyword(monkeypatch):
    cipher = PubNubCryptodome(make_config())
    monkeypatch.setattr(cipher, "get_initialization_vector", lambda use_random_iv: RANDOM_IV)
    assert cipher.encrypt("myCipherKey", '"hello"', use_random_iv=True) == RANDOM_IV_CIPHERTEXT
    assert cipher.decrypt("myCipherKey", RANDOM_IV_CIPHERTEXT, use_random_iv=True) == "hello"


def test_random_iv_vector_by_configuration(monkeypatch):
    cipher = PubNubCryptodome(make_config(use_random_initialization_vector=True))
    monkeypatch.setattr(cipher, "get_initialization_vector", lambda use_random_iv: RANDOM_IV)
    assert cipher.encrypt("myCipherKey", '"hello"') == RANDOM_IV_CIPHERTEXT
    assert cipher.decrypt("myCipherKey", RANDOM_IV_CIPHERTEXT) == "hello"


def test_initialization_vectors():
    cipher = PubNubCryptodome(make_config())
    assert cipher.get_initialization_vector(False) == "0123456789012345"
    first, second = cipher.get_initialization_vector(True), cipher.get_initialization_vector(True)
    assert len(first) == 16 and first.isdigit()
    assert first != second


def test_random_iv_round_trip_without_patching():
    cipher = PubNubCryptodome(make_config(use_random_initialization_vector=True))
    first = cipher.encrypt("myCipherKey", '{"a": 1}')
    second = cipher.encrypt("myCipherKey", '{"a": 1}')
    assert first != second
    assert cipher.decrypt("myCipherKey", first) == cipher.decrypt("myCipherKey", second) == {"a": 1}


def test_iv_helpers():
    cipher = PubNubCryptodome(make_config())
    assert cipher.append_random_iv(b"data", False, b"x" * 16) == b"data"
    assert cipher.append_random_iv(b"data", True, b"x" * 16) == b"x" * 16 + b"data"
    assert cipher.extract_random_iv(b"y" * 16 + b"rest", True) == (b"y" * 16, b"rest")
    assert cipher.extract_random_iv(b"rest", False) == (b"0123456789012345", b"rest")


def test_non_json_plaintext_is_returned_as_text():
    cipher = PubNubCryptodome(make_config())
    assert cipher.decrypt("k", cipher.encrypt("k", "plain words")) == "plain words"


def test_plaintext_nested_too_deeply_to_read_is_returned_as_text():
    cipher = PubNubCryptodome(make_config())
    deep = "[" * 100000 + "]" * 100000
    assert cipher.decrypt("k", cipher.encrypt("k", deep)) == deep


@pytest.mark.parametrize(("key", "payload", "error"), [
    ("otherKey", "tEjX0ir9ImpBqBYowXnryw==", ValueError),  # wrong key: the padding check fails
    ("testKey", "hey", ValueError),  # not base64
    ("testKey", {"a": 1}, TypeError),  # not text at all
])
def test_undecryptable_payloads_raise(key, payload, error):
    with pytest.raises(error):
        PubNubCryptodome(make_config()).decrypt(key, payload)


@pytest.mark.parametrize("data", [b"", b"hello file", b"0123456789abcdef", bytes(range(256)) * 3])
def test_file_round_trip(data):
    files = PubNubFileCrypto(make_config())
    encrypted = files.encrypt("myCipherKey", data)
    assert encrypted[:16].isdigit()
    assert len(encrypted) == 16 + (len(data) // 16 + 1) * 16
    assert files.decrypt("myCipherKey", encrypted) == data
    assert files.decrypt("myCipherKey", io.BytesIO(encrypted)) == data


def test_file_encryption_uses_a_fresh_iv():
    files = PubNubFileCrypto(make_config())
    assert files.encrypt("k", io.BytesIO(b"same")) != files.encrypt("k", io.BytesIO(b"same"))


def test_file_text_is_encoded_as_utf8():
    files = PubNubFileCrypto(make_config())
    assert files.decrypt("k", files.encrypt("k", "h\u00e9")) == "h\u00e9".encode()


def known_file_blob(data: bytes) -> bytes:
    """``IV || AES-256-CBC(PKCS#7(data))`` built here with a fixed IV, key from ``myCipherKey``."""
    key = hashlib.sha256(b"myCipherKey").hexdigest()[:32].encode()
    count = 16 - len(data) % 16
    return FILE_IV + AES.new(key, AES.MODE_CBC, FILE_IV).encrypt(data + bytes((count,)) * count)


def test_file_decrypt_reads_the_documented_layout():
    assert PubNubFileCrypto(make_config()).decrypt("myCipherKey", known_file_blob(b"x" * 40)) == b"x" * 40


def test_file_decrypt_with_the_wrong_key_fails():
    with pytest.raises(ValueError):
        PubNubFileCrypto(make_config()).decrypt("other", known_file_blob(b"x" * 40))
