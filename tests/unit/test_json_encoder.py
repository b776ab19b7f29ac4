"""The publish path's JSON encoder: CPython's C encoder made once (``json.encoder.c_make_encoder``,
an internal taking positional arguments), byte-identical to ``json.dumps``; when that internal
is missing or has changed, ``json.dumps`` itself, and importing pubnub never fails."""
from __future__ import annotations

import collections
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from pubnub import utils
from pubnub.errors import PNERR_JSON_NOT_SERIALIZABLE
from pubnub.exceptions import PubNubException

_VALUES: list = [
    None, True, False, 0, -1, 2 ** 64, -(10 ** 40), 0.1, -0.0, 1e300, 1e-300, 3.141592653589793,
    [], {}, (), [[]], [{}],
    "", "ascii", "\u00e9\u00e8", "\u20ac", "\U0001f600", "\ud83d", '"quoted"', "back\\slash", "\x00\x1f\x7f",
    "tab\tnew\nline\rret\x0c\x08", "</script>", "\u2028\u2029",
    {"a": 1, "b": [1, 2.5, None, True, False, "x\u00e9\n"], "c": {"d": {"e": []}}},
    {1: "int key", 2.5: "float key", False: "bool key", None: "none key", "s": "str key"},
    ["mixed", 1, 2.0, [3, [4, [5, {"six": 6}]]], ("tuple", "inside")],
    collections.OrderedDict([("z", 1), ("a", 2)]),
    {"deep": [[[[[[[[[["ten"]]]]]]]]]]},
    list(range(100)), {str(i): i for i in range(50)},
]


def test_the_fast_encoder_is_in_use_on_this_python() -> None:
    # CPython 3.9-3.13 all have c_make_encoder with today's arguments: the fast path must be on
    assert getattr(json.encoder, "c_make_encoder", None) is not None
    assert utils._encode_json is not None
    assert utils._build_json_encoder(json.encoder.c_make_encoder) is not None


@pytest.mark.parametrize("value", _VALUES, ids=range(len(_VALUES)))
def test_the_fast_path_is_byte_identical_to_json_dumps(value: Any) -> None:
    assert utils._encode_json is not None
    assert "".join(utils._encode_json(value, 0)) == json.dumps(value)
    if not isinstance(value, str):  # a str payload keeps its non-ASCII characters literal (4.8.1)
        assert utils.write_value_as_string(value) == json.dumps(value)


def test_the_fast_path_refuses_what_json_dumps_refuses() -> None:
    for value in ({"when": object()}, [Decimal("1.5")], {("tuple", "key"): 1}, {1, 2}):
        with pytest.raises(TypeError):
            json.dumps(value)
        with pytest.raises(PubNubException) as caught:
            utils.write_value_as_string(value)
        assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "json-dumps"])
def test_nan_and_infinity_are_refused_on_both_paths(monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    if not fast:
        monkeypatch.setattr(utils, "_encode_json", None)
    for value in (float("nan"), [float("inf")], {"x": float("-inf")}):
        with pytest.raises(PubNubException) as caught:  # not JSON: json.dumps would write NaN
            utils.write_value_as_string(value)
        assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE


class _Encoder:
    """A stand-in for the C encoder object: calling it with (value, level) yields chunks."""

    def __init__(self, chunks: Any) -> None:
        self.chunks = chunks

    def __call__(self, value: Any, level: int) -> Any:
        return self.chunks(value) if callable(self.chunks) else self.chunks


def _different_signature(markers: Any, default: Any, encoder: Any, indent: Any, key_separator: Any,
                         item_separator: Any, sort_keys: Any, skipkeys: Any, allow_nan: Any,
                         extra_required: Any) -> Any:
    raise AssertionError("never reached: one argument short")


@pytest.mark.parametrize("replacement", [
    _different_signature,  # a new positional argument: TypeError at construction
    lambda *args: (_ for _ in ()).throw(ValueError("rejected")),  # another error at construction
    lambda *args: _Encoder(['{"different": ', "output}"]),  # encodes, but not as json.dumps does
    lambda *args: _Encoder(lambda value: json.dumps(value, separators=(",", ":"))),  # compact separators
    lambda *args: _Encoder(lambda value: 42),  # not chunks of text at all
    lambda *args: _Encoder(lambda value: json.dumps(value, default=repr)),  # serialises anything
    lambda *args: _Encoder(lambda value: json.dumps(value, allow_nan=True)),  # writes NaN
    lambda *args: None,  # not callable
], ids=["signature", "raises", "different-text", "separators", "not-text", "no-default", "allows-nan",
        "not-callable"])
def test_an_incompatible_c_make_encoder_means_json_dumps(replacement: Any) -> None:
    assert utils._build_json_encoder(replacement) is None


def test_a_missing_c_make_encoder_means_json_dumps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)  # what json.encoder holds without _json
    assert utils._build_json_encoder(getattr(json.encoder, "c_make_encoder", None)) is None
    assert utils._build_json_encoder(None) is None


def test_without_the_fast_encoder_every_payload_is_json_dumps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(utils, "_encode_json", None)
    for value in _VALUES:
        if not isinstance(value, str):
            assert utils.write_value_as_string(value) == json.dumps(value)
    with pytest.raises(PubNubException) as caught:
        utils.write_value_as_string({"when": object()})
    assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE


# A later CPython whose c_make_encoder takes other arguments: pubnub imports while it is the
# changed one, then json.dumps gets its own (working) internal back, as it would have there.
_IMPORT_WITH_A_CHANGED_INTERNAL = """
import json, json.encoder
real = json.encoder.c_make_encoder
def changed(*args):
    raise TypeError("c_make_encoder() takes 10 positional arguments but 9 were given")
json.encoder.c_make_encoder = changed
from pubnub import utils
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub
json.encoder.c_make_encoder = real
value = {"text": "h\\u00e9", "n": [1, 2.5, None, True]}
assert utils._encode_json is None
assert utils.write_value_as_string(value) == json.dumps(value), utils.write_value_as_string(value)
print("imported and encoded")
"""


def test_importing_pubnub_survives_a_changed_c_make_encoder() -> None:
    done = subprocess.run([sys.executable, "-c", _IMPORT_WITH_A_CHANGED_INTERNAL],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported and encoded"
