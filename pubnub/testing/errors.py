"""Error answers of the test server, one builder per service family.

Layer: test server. Pure (no I/O). Each builder returns a ``ServiceError`` carrying the HTTP
status and the exact body text. Bodies marked "recorded" are copied in shape from real-service
traffic (protocol/CORE.md, protocol/MORE.md); the others follow the same family's recorded
shape because no real answer was recorded for that case.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional


class ServiceError(Exception):
    """An error answer: raised by handlers, turned into a response by the HTTP layer.

    ``headers``: pre-encoded header lines for a body that is not JSON (see ``routing.Reply``).
    """

    def __init__(self, status: int, body: str, headers: Optional[bytes] = None) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = headers


def publish_error(message: str, timetoken: int, status: int = 400) -> ServiceError:
    """Publish/signal family, e.g. ``400 [0,"Invalid JSON","<tt>"]`` (recorded)."""
    return ServiceError(status, '[0,%s,"%d"]' % (json.dumps(message), timetoken))


def access_manager_error(status: int, message: str, payload: Optional[Dict[str, Any]] = None) -> ServiceError:
    """Access Manager shape (recorded 400 and 403): compact JSON, ``error`` then ``service``.

    The real answer to a bad or missing signature was not recorded; the server uses this
    shape with ``"message": "Forbidden"`` and status 403, as the recorded PAM denials do.
    """
    body: Dict[str, Any] = {"message": message}
    if payload is not None:
        body["payload"] = payload
    body.update({"error": True, "service": "Access Manager", "status": status})
    return ServiceError(status, json.dumps(body, separators=(",", ":")))


def invalid_subscribe_key() -> ServiceError:
    """400 for a subscribe key the server does not know (recorded for publish, with the newline).

    Used by every call whose family has no invalid-key answer of its own on record (all but
    message actions and a publish key): the key check is Access Manager's, before any service.
    """
    return ServiceError(400, '{"message":"Invalid Subscribe Key","error":true,"service":"Access Manager",'
                             '"status":400}\n')


def forbidden(channels: Optional[List[str]] = None, groups: Optional[List[str]] = None,
              uuids: Optional[List[str]] = None) -> ServiceError:
    """403 of Access Manager (recorded shape): ``payload`` names what was denied.

    ``channels`` is always present (empty for a bad signature); ``channel-groups`` and
    ``uuids`` only when some were denied (not recorded; same grammar as the grant payloads).
    """
    payload: Dict[str, Any] = {"channels": list(channels or [])}
    if groups:
        payload["channel-groups"] = list(groups)
    if uuids:
        payload["uuids"] = list(uuids)
    return access_manager_error(403, "Forbidden", payload)


def grant_token_error(message: str, status: int = 400, details: Optional[List[Dict[str, str]]] = None
                      ) -> ServiceError:
    """Access Manager v3 (recorded 400 for a bad ttl): an ``error`` object with ``source`` grant."""
    error: Dict[str, Any] = {"message": message, "source": "grant"}
    if details is not None:
        error["details"] = details
    return ServiceError(status, json.dumps({"error": error, "service": "Access Manager", "status": status}))


def channel_registry_error(message: str, status: int = 400) -> ServiceError:
    """Channel groups: the recorded success envelope's keys with ``error`` true (not recorded)."""
    return ServiceError(status, json.dumps({"status": status, "message": message, "service": "channel-registry",
                                            "error": True}))


def push_error(message: str, status: int = 400) -> ServiceError:
    """Mobile push (recorded): ``{"error": "Invalid type argument"}``."""
    return ServiceError(status, json.dumps({"error": message}))


def objects_error(message: str, status: int = 400) -> ServiceError:
    """Objects v2 (recorded 412 shape): ``{"status": .., "error": {"message": .., "source": "objects"}}``."""
    return ServiceError(status, json.dumps({"status": status, "error": {"message": message, "source": "objects"}}))


def files_error(message: str, status: int = 400) -> ServiceError:
    """Files REST calls: no error was recorded; the Objects/actions grammar with ``source`` files."""
    return ServiceError(status, json.dumps({"status": status, "error": {"message": message, "source": "files"}}))


def storage_error(status: int, code: str, message: str) -> ServiceError:
    """The file storage (S3-like) upload/download answers: XML, as the recorded S3 rejection."""
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>'
            % (code, message))
    return ServiceError(status, body, b"Content-Type: application/xml\r\n")


def balancer_error(status: int, message: str) -> ServiceError:
    """Front-door errors (recorded 414 shape): unknown paths, bad subscribe input."""
    return ServiceError(status, json.dumps({"message": message, "error": True, "service": "Balancer",
                                            "status": status}, separators=(",", ":")))


def presence_error(message: str, status: int = 400) -> ServiceError:
    """Presence family: the recorded success envelope's keys with ``error`` set (not recorded)."""
    return ServiceError(status, json.dumps({"status": status, "message": message, "error": True,
                                            "service": "Presence"}))


def history_error(message: str = "Invalid Arguments", status: int = 400) -> ServiceError:
    """Storage family (recorded for message counts; used for every history call)."""
    return ServiceError(status, json.dumps({"status": status, "error": True, "error_message": message,
                                            "channels": {}}))


def actions_error(message: str, status: int = 400,
                  details: Optional[List[Dict[str, str]]] = None) -> ServiceError:
    """Message-actions family (recorded 400/403/409 shape)."""
    error: Dict[str, Any] = {"source": "actions", "message": message}
    if details is not None:
        error["details"] = details
    return ServiceError(status, json.dumps({"status": status, "error": error}))


def actions_invalid_input(location: str, location_type: str, message: str = "Missing field") -> ServiceError:
    """400 ``Request payload contained invalid input.`` with one detail (recorded for add)."""
    return actions_error("Request payload contained invalid input.", 400,
                         [{"message": message, "location": location, "locationType": location_type}])


def not_found() -> ServiceError:
    return balancer_error(404, "Not Found")


def method_not_allowed() -> ServiceError:
    return balancer_error(405, "Method Not Allowed")


def internal_error() -> ServiceError:
    return balancer_error(500, "Internal Server Error")
