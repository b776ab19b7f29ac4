"""Files: upload form, the upload itself, list, get-file-url (307), download, delete, file messages.

Layer: test server. Handlers over ``files_store.FileStore`` (MORE §7, §7.11). The server plays
both PubNub and the storage service:

* ``POST /v1/files/{sub}/channels/{ch}/generate-upload-url`` with ``{"name": ...}`` answers the
  recorded shape; the form's ``url`` is this server's ``/file-upload/{sub}`` (absolute, built from
  the request's ``Host``), its fields ``tagging``, ``key`` (which upload it is) and
  ``Content-Type`` (chosen from the name).
* ``POST /file-upload/{sub}``: ``multipart/form-data`` with the form fields, then ``file``;
  ``204`` when stored. Storage errors are XML (as the recorded S3 rejection): 400
  ``EntityTooLarge`` above ``max_file_bytes``, 400 ``MalformedPOSTRequest``, 403
  ``AccessDenied`` for an unknown or expired form (each form works once).
* ``GET /v1/files/{sub}/channels/{ch}/files/{id}/{name}``: ``307`` with ``Location`` =
  ``/file-download/{sub}/{ch}/{id}/{name}`` on this server (not checked first, like the
  service); that URL answers the bytes with their content type, or 404 ``NoSuchKey``.
* ``GET .../files[?limit=&next=]``: ``{"status", "data", "next", "count"}``, oldest first;
  ``DELETE .../files/{id}/{name}``: ``{"status": 200}`` (also for a file already gone).
* ``GET /v1/files/publish-file/{pub}/{sub}/0/{ch}/0/{payload}``: a publish (CORE) delivered
  with ``e``=4; stored only with ``store=1`` (4.8.1 always sends ``store``).

Other errors (not recorded) use ``{"status": .., "error": {"message": .., "source": "files"}}``.
Access Manager: what each call needs is in ``pubnub.testing.operations``.
"""
from __future__ import annotations

import json
import re
import uuid as uuid_module
from typing import TYPE_CHECKING, Optional
from urllib.parse import quote, unquote_to_bytes

from pubnub.testing.errors import ServiceError, files_error, storage_error
from pubnub.testing.files_store import FileStore, PendingUpload, boundary_of, parse_multipart
from pubnub.testing.objects_query import decode_page, encode_page
from pubnub.testing.objects_store import iso_time
from pubnub.testing.pubsub import publish_message
from pubnub.testing.routing import Reply, Request, header_lines, parse_int, parse_json, path_item, route

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

MAX_NAME_CHARS = 1024
MAX_LIST = 100
_TAGGING = "<Tagging><TagSet><Tag><Key>ObjectTTLInDays</Key><Value>1</Value></Tag></TagSet></Tagging>"
_NO_BODY = b""  # header lines of a body-less answer: no Content-Type


def _e(text: str) -> str:
    return quote(text, safe="~")


def _base_url(ctx: "ServerContext", request: Request) -> str:
    """Where clients reach this server: ``public_origin`` or the address it listens on (never the
    request's ``Host`` header, which anyone may set)."""
    return "%s://%s" % (ctx.scheme, ctx.settings.public_origin or ctx.origin)


def _files(ctx: "ServerContext") -> FileStore:
    return ctx.store.section(FileStore)


def handle_generate_upload_url(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``POST /v1/files/{sub}/channels/{ch}/generate-upload-url`` with ``{"name": "<file name>"}``."""
    sub_key, channel = path_item(match.group(1)), path_item(match.group(2))
    try:
        body = parse_json(request.text_body()) if request.body else None
    except ValueError:
        raise files_error("Invalid JSON") from None
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name or len(name) > MAX_NAME_CHARS or "/" in name:
        raise files_error("Invalid file name")
    if not channel:
        raise files_error("Invalid channel")
    now = ctx.store.wall_clock()
    file_id = str(uuid_module.uuid4())
    upload = PendingUpload(sub_key, channel, file_id, name, now + ctx.settings.upload_form_seconds)
    key = "%s/%s/%s/%s" % (_e(sub_key), _e(channel), file_id, _e(name))
    _files(ctx).expect(key, upload, now)
    fields = [{"key": "tagging", "value": _TAGGING}, {"key": "key", "value": key},
              {"key": "Content-Type", "value": upload.content_type}]
    form = {"url": "%s/file-upload/%s" % (_base_url(ctx, request), _e(sub_key)), "method": "POST",
            "expiration_date": iso_time(upload.expires)[:19] + "Z", "form_fields": fields}
    return Reply(200, json.dumps({"status": 200, "data": {"id": file_id, "name": name},
                                  "file_upload_request": form}))


def handle_upload(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``POST /file-upload/{sub}``: the storage's form upload."""
    try:
        parts = parse_multipart(request.body, boundary_of(request.headers.get("content-type", "")))
    except ValueError:  # MultipartError and undecodable part headers
        raise storage_error(400, "MalformedPOSTRequest",
                            "The body of your POST request is not well-formed multipart/form-data.") from None
    fields = {name: content for name, filename, content in parts if filename is None}
    data: Optional[bytes] = next((content for name, filename, content in parts if name == "file"), None)
    if data is None or "key" not in fields:
        raise storage_error(400, "InvalidArgument", "POST requires exactly one file upload per request.")
    if len(data) > ctx.settings.max_file_bytes:
        raise storage_error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
    now = ctx.store.wall_clock()
    upload = _files(ctx).take(fields["key"].decode("utf-8", "replace"), now)
    if upload is None or upload.sub_key != path_item(match.group(1)):
        raise storage_error(403, "AccessDenied", "Invalid according to Policy: Policy expired or unknown key.")
    _files(ctx).add(upload, data, iso_time(now)[:19] + "Z")
    return Reply(204, b"", _NO_BODY)


def _file_path(match: "re.Match[str]") -> "tuple[str, str, str, str]":
    return (path_item(match.group(1)), path_item(match.group(2)), path_item(match.group(3)),
            path_item(match.group(4)))


def handle_get_file_url(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v1/files/{sub}/channels/{ch}/files/{id}/{name}``: 307 to the download URL."""
    sub_key, channel, file_id, name = _file_path(match)
    location = "%s/file-download/%s/%s/%s/%s" % (_base_url(ctx, request), _e(sub_key), _e(channel), _e(file_id),
                                                 _e(name))
    return Reply(307, b"", header_lines(None, location=location))


def handle_download(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /file-download/{sub}/{ch}/{id}/{name}``: the stored bytes."""
    sub_key, channel, file_id, name = _file_path(match)
    stored = _files(ctx).find(sub_key, channel, file_id)
    if stored is None or stored.name != name:
        raise storage_error(404, "NoSuchKey", "The specified key does not exist.")
    return Reply(200, stored.data, header_lines(stored.content_type))


def handle_delete(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``DELETE /v1/files/{sub}/channels/{ch}/files/{id}/{name}``."""
    sub_key, channel, file_id, name = _file_path(match)
    stored = _files(ctx).find(sub_key, channel, file_id)
    if stored is not None and stored.name == name:
        _files(ctx).delete(sub_key, channel, file_id)
    return Reply(200, '{"status": 200}')


def _invalid(name: str) -> ServiceError:
    return files_error("Invalid %s" % name)


def handle_list(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v1/files/{sub}/channels/{ch}/files[?limit=&next=]``."""
    limit_text = request.args.get("limit")
    limit = parse_int(limit_text) if limit_text else MAX_LIST
    if limit is None or limit < 1:
        raise _invalid("limit")
    offset = decode_page(request.args["next"]) if request.args.get("next") else 0
    found = _files(ctx).list(path_item(match.group(1)), path_item(match.group(2)))
    page = found[offset:offset + min(limit, MAX_LIST)]
    following = encode_page(offset + len(page)) if offset + len(page) < len(found) else None
    return Reply(200, json.dumps({"status": 200, "data": [stored.as_dict() for stored in page],
                                  "next": following, "count": len(page)}))


def handle_publish_file(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v1/files/publish-file/{pub}/{sub}/0/{ch}/0/{payload}?meta=&ttl=&store=&norep=&ptto=``."""
    payload = unquote_to_bytes(match.group(6))
    return publish_message(ctx, request, path_item(match.group(2)), match.group(4), payload, 4)


_SEG = "([^/]*)"
_CHANNEL = r"^/v1/files/%s/channels/%s" % (_SEG, _SEG)
_FILE = _CHANNEL + r"/files/%s/%s$" % (_SEG, _SEG)
ROUTES = [
    route("GET", r"^/v1/files/publish-file/%s/%s/%s/%s/%s/(.*)$" % ((_SEG,) * 5), handle_publish_file,
          "publish-file-message", keys=(1, 2)),
    route("POST", _CHANNEL + "/generate-upload-url$", handle_generate_upload_url, "generate-upload-url"),
    route("GET", _CHANNEL + "/files$", handle_list, "list-files"),
    route("GET", _FILE, handle_get_file_url, "get-file-url"),
    route("DELETE", _FILE, handle_delete, "delete-file"),
    route("POST", r"^/file-upload/%s$" % _SEG, handle_upload, "file-upload", keys=(0, 0)),
    route("GET", r"^/file-download/%s/%s/%s/%s$" % ((_SEG,) * 4), handle_download, "file-download", keys=(0, 0)),
]
