"""Helpers of the pubnub.testing tests: a small blocking HTTP client and a JSON shape matcher."""
from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, quote

from pubnub.utils import sign_request_v2

JSON_TYPE = 'text/javascript; charset="UTF-8"'


class _Placeholder:
    def __init__(self, name: str, check: Any) -> None:
        self.name = name
        self.check = check

    def __repr__(self) -> str:
        return self.name


def _is_tt_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 17


#: a 17-digit timetoken as a JSON string / as a JSON number; any int; anything
TT_STR = _Placeholder("TT_STR", lambda v: isinstance(v, str) and v.isdigit() and len(v) == 17)
TT_NUM = _Placeholder("TT_NUM", _is_tt_number)
INT = _Placeholder("INT", lambda v: isinstance(v, int) and not isinstance(v, bool))
ANY = _Placeholder("ANY", lambda v: True)
#: a non-empty string; an ISO-8601 time with microseconds and Z (Objects ``updated``)
STR = _Placeholder("STR", lambda v: isinstance(v, str) and bool(v))
ISO = _Placeholder("ISO", lambda v: isinstance(v, str) and len(v) == 27 and v[10] == "T" and v.endswith("Z"))


def assert_shape(actual: Any, expected: Any, where: str = "$") -> None:
    """``actual`` equals ``expected`` where placeholders match by kind; dict keys must match exactly."""
    if isinstance(expected, _Placeholder):
        assert expected.check(actual), "%s: %r is not %s" % (where, actual, expected)
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), "%s: %r is not an object" % (where, actual)
        assert set(actual) == set(expected), "%s: keys %s != %s" % (where, sorted(actual), sorted(expected))
        for key, value in expected.items():
            assert_shape(actual[key], value, "%s.%s" % (where, key))
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), "%s: %r vs %r" % (where, actual, expected)
        for index, (item, wanted) in enumerate(zip(actual, expected)):
            assert_shape(item, wanted, "%s[%d]" % (where, index))
    else:
        assert actual == expected and type(actual) is type(expected), "%s: %r != %r" % (where, actual, expected)


@dataclass
class Answer:
    status: int
    content_type: Optional[str]
    text: str
    body: bytes = b""
    headers: Dict[str, str] = field(default_factory=dict)

    @property
    def json(self) -> Any:
        return json.loads(self.text)


class Http:
    """A keep-alive HTTP/1.1 client for one server origin (blocking; 5 s timeout)."""

    def __init__(self, origin: str, timeout: float = 5.0) -> None:
        host, port = origin.rsplit(":", 1)
        self.connection = http.client.HTTPConnection(host, int(port), timeout=timeout)

    def request(self, method: str, path: str, body: Optional[bytes] = None,
                headers: Optional[Dict[str, str]] = None) -> Answer:
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        raw = response.read()
        return Answer(response.status, response.getheader("Content-Type"), raw.decode("utf-8", "replace"), raw,
                      {name.lower(): value for name, value in response.getheaders()})

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def close(self) -> None:
        self.connection.close()


def signed(secret: str, publish_key: str, method: str, target: str, body: bytes = b"",
           timestamp: Optional[str] = None) -> str:
    """``target`` (path and query) with ``timestamp`` (default: now) and a v2 ``signature`` added, as a
    client holding ``secret`` sends it (the query values are taken decoded and re-encoded)."""
    if timestamp is None:
        timestamp = str(int(time.time()))
    path, _, query = target.partition("?")
    params: List[Tuple[str, str]] = parse_qsl(query, keep_blank_values=True)
    values = dict(params, timestamp=timestamp)
    values["signature"] = sign_request_v2(secret, publish_key, method, path, values, body.decode("utf-8"))
    return path + "?" + "&".join("%s=%s" % (k, quote(v, safe=",")) for k, v in values.items())


def multipart(fields: List[Dict[str, str]], file_name: str, data: bytes,
              boundary: str = "b0undary1234") -> Tuple[bytes, str]:
    """A ``multipart/form-data`` body (form fields in order, then ``file``) and its Content-Type."""
    parts = [b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
             % (boundary.encode(), item["key"].encode(), item["value"].encode()) for item in fields]
    parts.append(b'--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n\r\n%s\r\n'
                 % (boundary.encode(), file_name.encode(), data))
    return b"".join(parts) + b"--%s--\r\n" % boundary.encode(), "multipart/form-data; boundary=%s" % boundary
