"""``PNResource``: one resource of a v3 token grant, named exactly (``id``) or by regex (``pattern``).

Layer: models (plain data). Imports nothing from the clients, transports or endpoints.
"""
from __future__ import annotations

from typing import Any, Optional, Type, TypeVar

_Resource = TypeVar("_Resource", bound="PNResource")


class PNResource:
    """A resource and the permissions asked for it; subclasses choose which flags can be set."""

    def __init__(self, resource_name: Optional[str] = None, resource_pattern: Optional[str] = None) -> None:
        self._resource_name = resource_name
        self._resource_pattern = resource_pattern
        self._read = False
        self._write = False
        self._create = False
        self._manage = False
        self._delete = False

    @classmethod
    def id(cls: Type[_Resource], resource_id: Any) -> _Resource:
        """The resource with exactly this name."""
        return cls(resource_name=resource_id)

    @classmethod
    def pattern(cls: Type[_Resource], resource_pattern: Any) -> _Resource:
        """Every resource whose name matches this regular expression."""
        return cls(resource_pattern=resource_pattern)

    def is_pattern_resource(self) -> bool:
        return self._resource_pattern is not None

    def get_id(self) -> Any:
        """The pattern text for a pattern resource, otherwise the name."""
        return self._resource_pattern if self.is_pattern_resource() else self._resource_name

    def is_read(self) -> bool:
        return self._read

    def is_write(self) -> bool:
        return self._write

    def is_create(self) -> bool:
        return self._create

    def is_manage(self) -> bool:
        return self._manage

    def is_delete(self) -> bool:
        return self._delete

    def _allow(self: _Resource, permission: str) -> _Resource:
        """Set one permission flag (``"_read"``, ``"_write"`` ...) and return the resource for chaining."""
        setattr(self, permission, True)
        return self


class _ObjectResource(PNResource):
    """The Objects-v1-era resources (users and spaces): all five permissions can be asked for."""

    def read(self: _Resource) -> _Resource:
        return self._allow("_read")

    def write(self: _Resource) -> _Resource:
        return self._allow("_write")

    def create(self: _Resource) -> _Resource:
        return self._allow("_create")

    def manage(self: _Resource) -> _Resource:
        return self._allow("_manage")

    def delete(self: _Resource) -> _Resource:
        return self._allow("_delete")
