"""The table-driven shape test's machinery: a ``Case`` is setup steps, then one request whose status,
content type and body shape are checked (``test_shapes.py`` for CORE.md, ``test_shapes_more.py`` for MORE.md).

Setup steps: ``(method, path, body)`` (must answer 2xx), ``("SIGNED " + method, path, body)`` (signed
with ``SECRET``), ``("GROUP", group, channel)`` (preset a channel group), ``("FILE", channel, content)``
(an upload form and the upload; its file id replaces ``{file}`` in later paths).
"""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union

from pubnub.testing.app import SERVICE_ROUTES
from pubnub.testing.dispatch import Router
from pubnub.testing.errors import ServiceError

from .support import JSON_TYPE, Answer, Http, assert_shape, multipart, signed

Step = Tuple[str, str, Optional[bytes]]
SECRET = "sec-c-shapes"
SECURE = {"secret_key": SECRET, "publish_key": "demo"}


class Case(NamedTuple):
    name: str
    method: str
    path: str
    status: int
    shape: Any  # JSON shape; for other content types the exact body (bytes) or a check(answer)
    body: Optional[bytes] = None
    setup: List[Step] = []
    content_type: Optional[str] = JSON_TYPE
    settings: Dict[str, Any] = {}
    signed: bool = False
    headers: Dict[str, str] = {}


def get(path: str) -> Step:
    return ("GET", path, None)


def post(path: str, body: bytes) -> Step:
    return ("POST", path, body)


def patch(path: str, body: Union[bytes, Dict[str, Any]]) -> Step:
    return ("PATCH", path, body if isinstance(body, bytes) else json.dumps(body).encode())


def upload(http: Http, channel: str, name: str, content: bytes) -> str:
    """Ask for an upload form and upload ``content``; returns the file id."""
    form = http.request("POST", "/v1/files/demo/channels/%s/generate-upload-url" % channel,
                        json.dumps({"name": name}).encode()).json
    body, content_type = multipart(form["file_upload_request"]["form_fields"], name, content)
    answer = http.request("POST", "/file-upload/demo", body, {"Content-Type": content_type})
    assert answer.status == 204, answer.text
    return str(form["data"]["id"])


def run_case(case: Case, make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> Answer:
    server = make_server(**case.settings)
    http = make_http(server)
    values: Dict[str, str] = {}
    for method, path, body in case.setup:
        if method == "GROUP":
            server.add_channels_to_group(path, [(body or b"").decode()])
            continue
        if method == "FILE":
            values["file"] = upload(http, path, "f.txt", body or b"")
            continue
        path = path.replace("{file}", values.get("file", ""))
        if method.startswith("SIGNED "):
            method = method.split()[1]
            path = signed(SECRET, "demo", method, path, body or b"")
        answer = http.request(method, path, body)
        assert 200 <= answer.status < 300, (method, path, answer.status, answer.text)
    path = case.path.replace("{file}", values.get("file", ""))
    if case.signed:
        path = signed(SECRET, "demo", case.method, path, case.body or b"")
    answer = http.request(case.method, path, case.body, case.headers)
    assert answer.status == case.status, answer.text
    assert answer.content_type == case.content_type
    if case.content_type == JSON_TYPE:
        assert_shape(answer.json, case.shape)
    elif callable(case.shape):
        case.shape(answer)
    else:
        assert answer.body == case.shape
    return answer


def route_names(cases: List[Case]) -> "set[str]":
    """The routes the cases' requests reach."""
    router = Router(SERVICE_ROUTES)
    names = set()
    for case in cases:
        try:
            found, _ = router.find(case.method, case.path.split("?", 1)[0])
        except ServiceError:  # the 404/405 cases
            continue
        names.add(found.name)
    return names
