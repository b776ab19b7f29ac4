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
    """An error answer: raised by handlers, turned into a response by the HTTP layer."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body


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


def forbidden(channels: Optional[List[str]] = None) -> ServiceError:
    """403 for a missing or invalid signature (Access Manager shape, see above)."""
    return access_manager_error(403, "Forbidden", {"channels": list(channels or [])})


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
