"""Results of the file operations (``pubnub.models.consumer.file``).

Layer: models (plain data). Imports nothing from the clients or transports.

Every result has a working ``str()``: in 4.8.1 five of them formatted a ``status`` attribute
they never had and raised ``AttributeError``.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional


def _header(headers: Any, name: str) -> Optional[str]:
    """A response header by case-insensitive name (plain dicts in tests, HTTPHeaders on Tornado)."""
    if headers is None:
        return None
    wanted = name.lower()
    for key in headers:
        if key.lower() == wanted:
            value = headers[key]
            return value if isinstance(value, str) else str(value)
    return None


class PNGetFilesResult:
    """``list_files()``: ``data`` (a list of ``{name, id, size, created}`` dicts), ``count``, ``next``, ``prev``."""

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.data = result["data"]
        self.count = result.get("count")
        self.next = result.get("next")
        self.prev = result.get("prev")

    def __str__(self) -> str:
        return "Get files success with data: %s" % self.data


class PNDeleteFileResult:
    """``delete_file()``: ``status`` is the service's status number (200)."""

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.status = result["status"]

    def __str__(self) -> str:
        return "Delete files success with status: %s" % self.status


class PNGetFileDownloadURLResult:
    """``get_file_url()``: ``file_url`` is where the file can be downloaded (the redirect's ``Location``)."""

    def __init__(self, result: Any) -> None:
        location = _header(getattr(result, "headers", None), "Location")
        if location is None:
            raise KeyError("Location")
        self.file_url = location

    def __str__(self) -> str:
        return "Get file URL success with url: %s" % self.file_url


class PNFetchFileUploadS3DataResult:
    """Step 1 of ``send_file()``: the new file's ``name`` and ``file_id``, and in ``data`` the upload form.

    ``data`` is the service's ``file_upload_request`` object: ``data["url"]`` is where to POST
    the file and ``data["form_fields"]`` the ``{key, value}`` fields to send with it, in order.
    """

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.name = result["data"]["name"]
        self.file_id = result["data"]["id"]
        self.data = result["file_upload_request"]

    def __str__(self) -> str:
        return "Fetch file upload S3 data success with file id: %s" % self.file_id


class PNPublishFileMessageResult:
    """``publish_file_message()``: ``timestamp`` is the message's timetoken as the service sent it (a string)."""

    def __init__(self, result: Any) -> None:
        self.timestamp = result[2]

    def __str__(self) -> str:
        return "Sending file notification success with timetoken: %s" % self.timestamp


class PNSendFileResult:
    """``send_file()``: the stored file's ``name`` and ``file_id``, and ``timestamp``, the timetoken
    of the file message (``None`` when the file was stored but its message could not be published)."""

    def __init__(self, name: Any, file_id: Any, timestamp: Any = None) -> None:
        self.name = name
        self.file_id = file_id
        self.timestamp = timestamp

    def __str__(self) -> str:
        return "Sending file success with file id: %s, timetoken: %s" % (self.file_id, self.timestamp)


class PNDownloadFileResult:
    """``download_file()``: ``data`` holds the file's bytes (decrypted when a cipher key applies)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __str__(self) -> str:
        return "Downloading file success with %d bytes" % len(self.data)
