"""What the distribution declares: the oldest-versions CI run installs exactly setup.cfg's lower
bounds, every run-time dependency has one, and the licence ships with it."""
from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parents[2]
_LOWER_BOUND = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([^\s,;]+)\s*(?:;.*)?$")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s,;]+)$")


def _setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared_lower_bounds() -> Dict[str, str]:
    bounds: Dict[str, str] = {}
    for line in _setup_cfg()["options"]["install_requires"].splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _LOWER_BOUND.match(line)
        assert match, "a run-time requirement without a single lower bound (name>=version): %r" % line
        assert _name(match.group(1)) not in bounds, "declared twice: %r" % line
        bounds[_name(match.group(1))] = match.group(2)
    return bounds


def _pinned_oldest() -> Dict[str, str]:
    pins: Dict[str, str] = {}
    for line in (ROOT / ".ci" / "oldest-constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _PIN.match(line)
        assert match, "not an exact pin (name==version): %r" % line
        assert _name(match.group(1)) not in pins, "pinned twice: %r" % line
        pins[_name(match.group(1))] = match.group(2)
    return pins


def test_the_oldest_constraints_pin_exactly_the_declared_lower_bounds() -> None:
    declared = _declared_lower_bounds()
    assert {"tornado", "requests", "six", "pycryptodomex", "cbor2", "pycurl"} <= set(declared)
    assert _pinned_oldest() == declared


def test_six_stays_declared_though_the_package_never_imports_it() -> None:
    # 4.x programs may import six because the 4.x SDK pulled it in
    assert "six" in _declared_lower_bounds()
    sources = (path.read_text(encoding="utf-8") for path in (ROOT / "pubnub").rglob("*.py"))
    assert not any(re.search(r"^\s*(import six|from six)\b", text, re.M) for text in sources)


def test_the_mit_licence_ships_with_the_distribution() -> None:
    metadata = _setup_cfg()["metadata"]
    assert metadata["license"] == "MIT"
    assert metadata["license_files"].split() == ["LICENSE"]
    assert "License :: OSI Approved :: MIT License" in metadata["classifiers"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the pubnub for Python authors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_every_supported_python_is_classified() -> None:
    metadata = _setup_cfg()["metadata"]
    classifiers = [line.strip() for line in metadata["classifiers"].splitlines() if line.strip()]
    assert _setup_cfg()["options"]["python_requires"] == ">=3.9"
    for minor in range(9, 14):
        assert "Programming Language :: Python :: 3.%d" % minor in classifiers
    assert "Typing :: Typed" in classifiers
