"""What the distribution declares: each oldest-versions CI run installs exactly setup.cfg's lower
bounds for its Python, every run-time dependency has one, and the licence ships with it."""
from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Dict

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s,;]+)$")
# Each constraints file pins the lower bounds of one range of supported Pythons; .ci/run installs
# it on the Python named here, and every supported minor version belongs to exactly one range.
CONSTRAINTS = {".ci/oldest-constraints.txt": ("3.9", range(9, 10)),
               ".ci/oldest-constraints-py310.txt": ("3.13", range(10, 14))}


def _setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared_lower_bounds(python_version: str, platform_system: str = "Linux") -> Dict[str, str]:
    """The lower bounds install_requires declares for that Python (each requirement has one, name>=version)."""
    environment = {"python_version": python_version, "python_full_version": python_version + ".0",
                   "platform_system": platform_system}
    bounds: Dict[str, str] = {}
    for line in _setup_cfg()["options"]["install_requires"].splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line)
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == ">=", \
            "a run-time requirement without a single lower bound (name>=version): %r" % line
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        assert _name(requirement.name) not in bounds, "declared twice for Python %s: %r" % (python_version, line)
        bounds[_name(requirement.name)] = specifiers[0].version
    return bounds


def _pinned(constraints: str) -> Dict[str, str]:
    pins: Dict[str, str] = {}
    for line in (ROOT / constraints).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _PIN.match(line)
        assert match, "not an exact pin (name==version): %r" % line
        assert _name(match.group(1)) not in pins, "pinned twice: %r" % line
        pins[_name(match.group(1))] = match.group(2)
    return pins


@pytest.mark.parametrize("constraints", sorted(CONSTRAINTS))
def test_each_oldest_constraints_file_pins_exactly_the_declared_lower_bounds(constraints: str) -> None:
    tested_on, minors = CONSTRAINTS[constraints]
    pins = _pinned(constraints)
    assert {"tornado", "requests", "six", "pycryptodomex", "cbor2", "pycurl"} <= set(pins)
    for minor in minors:  # the same bounds across the file's whole range, so the run on one Python covers it
        assert _declared_lower_bounds("3.%d" % minor) == pins, (constraints, "3.%d" % minor)
    assert int(tested_on.split(".")[1]) in minors


def test_the_constraints_files_cover_every_supported_python_once() -> None:
    covered = sorted(minor for _, minors in CONSTRAINTS.values() for minor in minors)
    assert covered == list(range(9, 14))
    assert _setup_cfg()["options"]["python_requires"] == ">=3.9"


def test_ci_installs_each_constraints_file_on_its_python() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for constraints, (tested_on, _) in CONSTRAINTS.items():
        assert re.search(r"oldest_run %s \S+ %s\b" % (re.escape(tested_on), re.escape(constraints)), script), \
            (constraints, tested_on)


def test_pycurl_is_not_declared_on_windows() -> None:
    for python_version, _ in CONSTRAINTS.values():
        assert "pycurl" not in _declared_lower_bounds(python_version, "Windows")


def test_six_stays_declared_though_the_package_never_imports_it() -> None:
    # 4.x programs may import six (and six.moves) because the 4.x SDK pulled it in
    for python_version, _ in CONSTRAINTS.values():
        assert "six" in _declared_lower_bounds(python_version)
    sources = (path.read_text(encoding="utf-8") for path in (ROOT / "pubnub").rglob("*.py"))
    assert not any(re.search(r"^\s*(import six|from six)\b", text, re.M) for text in sources)
    from six.moves.urllib.parse import quote  # six.moves needs six 1.16.0 or newer on Python 3.12+

    assert quote("a b") == "a%20b"


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
