"""File storage of the test server: upload forms handed out, stored files, multipart parsing.

Layer: test server. Pure data, no I/O: ``FileStore`` is a server-wide ``Store.section`` (one
byte budget for the whole server). Caps (``ServerSettings``): ``max_file_bytes`` per file,
``max_files_per_channel`` (the oldest file of the channel goes), ``max_stored_file_bytes`` for
all files together (the oldest files anywhere go), ``max_pending_uploads`` (the oldest form
is forgotten) and ``upload_form_seconds`` (a form's lifetime). Stored files are charged to the
store's byte budget too (``max_stored_bytes``), which may evict the oldest of them.
"""
from __future__ import annotations

import mimetypes
import re
import sys
from collections import OrderedDict
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

if TYPE_CHECKING:
    from pubnub.testing.budget import Budget, Charge
    from pubnub.testing.store import Store

ChannelKey = Tuple[str, str]  # (sub key, channel)
_PARAM = re.compile(r';\s*([A-Za-z0-9_-]+)="([^"]*)"')


def content_type_for(name: str) -> str:
    """The type the storage records for ``name`` (``binary/octet-stream`` when unknown, as recorded)."""
    guessed = mimetypes.guess_type(name, strict=False)[0]
    if guessed is None:
        return "binary/octet-stream"
    return guessed + "; charset=utf-8" if guessed.startswith("text/") else guessed


class PendingUpload:
    """An upload form handed out and not used yet."""

    __slots__ = ("channel", "content_type", "expires", "file_id", "name", "sub_key")

    def __init__(self, sub_key: str, channel: str, file_id: str, name: str, expires: float) -> None:
        self.sub_key = sub_key
        self.channel = channel
        self.file_id = file_id
        self.name = name
        self.content_type = content_type_for(name)
        self.expires = expires


class StoredFile:
    """One uploaded file."""

    __slots__ = ("charge", "content_type", "created", "data", "id", "name")

    def __init__(self, file_id: str, name: str, data: bytes, content_type: str, created: str) -> None:
        self.id = file_id
        self.name = name
        self.data = data
        self.content_type = content_type
        self.created = created
        self.charge: "Optional[Charge]" = None

    def size(self) -> int:
        return sys.getsizeof(self.data) + sys.getsizeof(self.name) + sys.getsizeof(self.id) + 320

    def as_dict(self) -> Dict[str, object]:
        """The recorded list item: ``name``, ``id``, ``size``, ``created``."""
        return {"name": self.name, "id": self.id, "size": len(self.data), "created": self.created}


class FileStore:
    """Every pending upload and stored file of the server."""

    def __init__(self, store: "Store") -> None:
        self.settings = store.settings
        self.budget: "Budget" = store.budget
        self.pending: "OrderedDict[str, PendingUpload]" = OrderedDict()  # form key -> upload
        self.channels: Dict[ChannelKey, "OrderedDict[str, StoredFile]"] = {}
        self.order: "OrderedDict[Tuple[str, str, str], None]" = OrderedDict()  # (sub, channel, id), oldest first
        self.total_bytes = 0

    def expect(self, key: str, upload: PendingUpload, now: float) -> None:
        """Remember a form handed out under ``key``."""
        for stale in [name for name, item in self.pending.items() if item.expires <= now]:
            del self.pending[stale]
        while len(self.pending) >= max(1, self.settings.max_pending_uploads):
            self.pending.popitem(last=False)
        self.pending[key] = upload

    def take(self, key: str, now: float) -> Optional[PendingUpload]:
        """The upload a form ``key`` stands for (used once), or None when unknown or expired."""
        upload = self.pending.pop(key, None)
        return upload if upload is not None and upload.expires > now else None

    def add(self, upload: PendingUpload, data: bytes, created: str) -> StoredFile:
        channel_key = (upload.sub_key, upload.channel)
        files = self.channels.setdefault(channel_key, OrderedDict())
        stored = files[upload.file_id] = StoredFile(upload.file_id, upload.name, data, upload.content_type, created)
        self.order[(upload.sub_key, upload.channel, upload.file_id)] = None
        self.total_bytes += len(data)
        while len(files) > max(1, self.settings.max_files_per_channel):
            self.delete(upload.sub_key, upload.channel, next(iter(files)))
        while self.total_bytes > self.settings.max_stored_file_bytes and self.order:
            self.delete(*next(iter(self.order)))
        if stored.id in files:
            sub_key, channel, file_id = upload.sub_key, upload.channel, upload.file_id

            def evict() -> None:
                self.delete(sub_key, channel, file_id)
            stored.charge = self.budget.charge(stored.size(), evict)
        return stored

    def find(self, sub_key: str, channel: str, file_id: str) -> Optional[StoredFile]:
        files = self.channels.get((sub_key, channel))
        return files.get(file_id) if files is not None else None

    def list(self, sub_key: str, channel: str) -> List[StoredFile]:
        """The channel's files, oldest first."""
        return list(self.channels.get((sub_key, channel), {}).values())

    def delete(self, sub_key: str, channel: str, file_id: str) -> bool:
        files = self.channels.get((sub_key, channel))
        stored = files.pop(file_id, None) if files is not None else None
        if files is None or stored is None:
            return False
        if not files:
            del self.channels[(sub_key, channel)]
        self.order.pop((sub_key, channel, file_id), None)
        self.total_bytes -= len(stored.data)
        self.budget.release(stored.charge)
        stored.charge = None
        return True


class MultipartError(ValueError):
    """The body is not ``multipart/form-data`` this parser understands."""


def boundary_of(content_type: str) -> bytes:
    kind, _, params = content_type.partition(";")
    if kind.strip().lower() != "multipart/form-data":
        raise MultipartError("not multipart/form-data")
    for item in params.split(";"):
        name, _, value = item.strip().partition("=")
        if name.lower() == "boundary" and value:
            return value.strip('"').encode("latin-1")
    raise MultipartError("no boundary")


def parse_multipart(body: bytes, boundary: bytes) -> List[Tuple[str, Optional[str], bytes]]:
    """``(name, filename or None, content)`` of every part, in order."""
    delimiter = b"--" + boundary
    if not body.startswith(delimiter):
        raise MultipartError("body does not start with the boundary")
    parts: List[Tuple[str, Optional[str], bytes]] = []
    for chunk in _chunks(body, delimiter):
        head, separator, content = chunk.partition(b"\r\n\r\n")
        if not separator:
            raise MultipartError("part without headers")
        name: Optional[str] = None
        filename: Optional[str] = None
        for line in head.decode("utf-8").split("\r\n"):
            header, _, value = line.partition(":")
            if header.strip().lower() == "content-disposition":
                params = dict(_PARAM.findall(value))
                name, filename = params.get("name"), params.get("filename")
        if name is None:
            raise MultipartError("part without a name")
        parts.append((name, filename, content))
    return parts


def _chunks(body: bytes, delimiter: bytes) -> List[bytes]:
    """The parts between ``--boundary`` lines (without their leading/trailing line breaks)."""
    pieces = body.split(delimiter)
    if len(pieces) < 3 or not pieces[-1].startswith(b"--"):
        raise MultipartError("no closing boundary")
    chunks = []
    for piece in pieces[1:-1]:
        if not piece.startswith(b"\r\n") or not piece.endswith(b"\r\n"):
            raise MultipartError("malformed part")
        chunks.append(piece[2:-2])
    return chunks
