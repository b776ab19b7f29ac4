"""Shared data and a flow runner for the file-operation unit tests (no network, no IOLoop)."""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Tuple

from pubnub import _outcome
from pubnub._flows import drive
from pubnub._http import HttpRequest, HttpResponse
from pubnub.structures import Envelope

FILE_ID = "8de3f7e3-0d34-4d05-82d9-37bbaf18f36c"
FILE_NAME = "king_arthur.txt"
UPLOAD_URL = "https://pubnub-mnemosyne-files-eu-central-1-prd.s3.amazonaws.com/"
FORM_FIELDS = [
    {"key": "tagging", "value": "<Tagging><TagSet><Tag><Key>ObjectTTLInDays</Key><Value>1</Value></Tag></TagSet>"
                                "</Tagging>"},
    {"key": "key", "value": "sub-c-test/f-tIAc/%s/%s" % (FILE_ID, FILE_NAME)},
    {"key": "Content-Type", "value": "text/plain; charset=utf-8"},
    {"key": "X-Amz-Credential", "value": "AKIAEXAMPLE/20201021/eu-central-1/s3/aws4_request"},
    {"key": "X-Amz-Security-Token", "value": ""},
    {"key": "X-Amz-Algorithm", "value": "AWS4-HMAC-SHA256"},
    {"key": "X-Amz-Date", "value": "20201021T173914Z"},
    {"key": "Policy", "value": "CnsKCSJleHBpcmF0aW9uIjog"},
    {"key": "X-Amz-Signature", "value": "d8de1fe56a296a81ad968cf8601b5535031ba3115b5014dd2c9f2b655ffa59df"},
]
UPLOAD_DETAILS = {
    "status": 200,
    "data": {"id": FILE_ID, "name": FILE_NAME},
    "file_upload_request": {"url": UPLOAD_URL, "method": "POST", "expiration_date": "2020-10-21T17:39:14Z",
                            "form_fields": FORM_FIELDS},
}
DOWNLOAD_URL = ("https://files-eu-central-1.pndsn.com/sub-c-test/f-tIAc/%s/%s?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                "&X-Amz-Credential=AKIAEXAMPLE%%2F20201021%%2Feu-central-1%%2Fs3%%2Faws4_request"
                "&X-Amz-Date=20201021T170000Z&X-Amz-Expires=3900&X-Amz-SignedHeaders=host"
                "&X-Amz-Signature=0123abcd" % (FILE_ID, FILE_NAME))
PUBLISHED = [1, "Sent", "16058160503920483"]
CONTENT = b"Knights who say Ni!"

Answer = Tuple[int, Any, Dict[str, str]]


def reply(code: int, body: Any = b"", headers: Optional[Dict[str, str]] = None) -> Answer:
    """One made-up HTTP answer: bytes are sent as they are, anything else as JSON."""
    return code, body, headers or {}


def respond(endpoint: Any, request: HttpRequest, answer: Answer) -> Envelope:
    code, body, headers = answer
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    return _outcome.from_response(endpoint, request, HttpResponse(code, headers, raw, request.url))


def run_flow(endpoint: Any, answers: Sequence[Answer]) -> Tuple[Envelope, List[Tuple[Any, HttpRequest]]]:
    """Drive ``endpoint.flow()`` as a client does, answering the n-th request with ``answers[n]``.

    Returns the final envelope and the ``(step endpoint, request)`` pairs that were sent.
    """
    sent: List[Tuple[Any, HttpRequest]] = []

    def execute(step: Any) -> Envelope:
        try:
            request = step.build_request()
        except Exception as e:
            return _outcome.from_invalid_input(step, e)
        sent.append((step, request))
        assert len(sent) <= len(answers), "unexpected request %s %s" % (request.method, request.url)
        return respond(step, request, answers[len(sent) - 1])

    flow = endpoint.flow()
    assert flow is not None
    envelope = drive(flow, execute)
    assert len(sent) == len(answers) or envelope.is_error()
    return envelope, sent


def multipart_parts(request: HttpRequest) -> List[Tuple[bytes, bytes]]:
    """Split a multipart body into ``(header block, content)`` pairs using its declared boundary."""
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode("ascii")
    body = request.body or b""
    assert body.endswith(b"--" + boundary + b"--\r\n")
    chunks = body[:-len(b"--" + boundary + b"--\r\n")].split(b"--" + boundary + b"\r\n")
    assert chunks[0] == b""
    parts = []
    for chunk in chunks[1:]:
        assert chunk.endswith(b"\r\n")
        header, content = chunk[:-2].split(b"\r\n\r\n", 1)
        parts.append((header, content))
    return parts
