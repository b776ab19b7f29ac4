"""How endpoints take their input: setters coerce it as 4.8.1's did, ``require`` checks it.

Layer: core (endpoint declarations). Imports nothing of a client or a transport.

4.8.1's setters called ``str()`` / ``int()`` on what they were given and split names on ",".
A value they cannot use is not raised at the setter: the first refusal is kept in
``_input_error`` and the call fails as any bad input does (raised by ``.sync()``, an error
envelope from ``.future()``, an error status for ``.pn_async()``).
"""
from __future__ import annotations

from typing import Any, Optional

from pubnub import utils
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException

__all__ = ["SetterInput", "require"]

# What a list setter takes as one item: anything that prints as a name (4.8.1 joined str(item)),
# but not a container, whose text ("['a']") names nothing and may nest without end.
_CONTAINERS = (list, tuple, dict, set, frozenset, bytes, bytearray)


def require(value: Any, pn_error: str) -> Any:
    """Return ``value``, or raise ``PubNubException(pn_error)`` when it is None or empty."""
    if value is None or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0):
        raise PubNubException(pn_error=pn_error)
    return value


class SetterInput:
    """The setter helpers every ``Endpoint`` has (see the module docstring)."""

    _input_error: Optional[PubNubException] = None

    def _refuse(self, setter: str, value: Any, expected: str, pn_error: str = PNERR_PAM_INVALID_ARGUMENTS) -> None:
        """Record that ``setter`` got ``value`` (not ``expected``); the call fails with ``pn_error``."""
        if self._input_error is None:
            self._input_error = PubNubException(
                pn_error=pn_error, errormsg="%s() takes %s, not %s" % (setter, expected, type(value).__name__))

    def _as_text(self, value: Any, setter: str) -> Any:
        """``str(value)``, as 4.8.1's setters coerce (``channel(None)`` names "None"); a value that
        cannot be printed (nested too deeply, or a failing ``__str__``) is refused."""
        if value.__class__ is str:
            return value
        try:
            return str(value)
        except Exception:  # RecursionError, or whatever a __str__ raises
            self._refuse(setter, value, "a str")
            return None

    def _as_int(self, value: Any, setter: str, pn_error: str = PNERR_PAM_INVALID_ARGUMENTS) -> Optional[int]:
        """``int(value)``, as 4.8.1 coerced (``"15"`` and ``15.0`` are 15); None, NaN, text that
        is not a number and other types are refused."""
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            self._refuse(setter, value, "an int", pn_error)
            return None

    def _add_items(self, items: list[Any], new_items: Any, setter: str) -> None:
        """Append names as 4.8.1's list setters do (``utils.extend_list``): a ``str`` is split on
        ",", a list, tuple or other iterable is appended item by item, None adds nothing. Anything
        else, or an item that is itself a container, is refused."""
        if isinstance(new_items, str):
            items.extend(utils.split_items(new_items))
            return
        if new_items is None:
            return
        if isinstance(new_items, (list, tuple)):
            added = new_items
        elif isinstance(new_items, (bytes, bytearray, dict)) or not hasattr(new_items, "__iter__"):
            self._refuse(setter, new_items, "a str or a list of str")
            return
        else:
            try:
                added = list(new_items)
            except Exception:
                self._refuse(setter, new_items, "a str or a list of str")
                return
        for item in added:
            if isinstance(item, _CONTAINERS):
                self._refuse(setter, item, "a list of str items")
                return
        items.extend(added)
