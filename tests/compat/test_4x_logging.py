"""``pubnub.set_stream_logger`` (4.8.1 signature, with ``stream``; no doubled handlers) and
``pubnub.PUBNUB_ROOT``."""
from __future__ import annotations

import io
import logging
import os
from typing import Iterator

import pytest

import pubnub


# ----- set_stream_logger ---------------------------------------------------------------------------
@pytest.fixture
def clean_logger() -> Iterator[logging.Logger]:
    """A logger of its own, restored afterwards."""
    logger = logging.getLogger("pubnub.test-stream-logger")
    before_level, before_handlers, before_propagate = logger.level, list(logger.handlers), logger.propagate
    logger.propagate = False
    yield logger
    logger.handlers[:] = before_handlers
    logger.setLevel(before_level)
    logger.propagate = before_propagate


def test_set_stream_logger_writes_to_the_given_stream(clean_logger: logging.Logger) -> None:
    stream = io.StringIO()
    pubnub.set_stream_logger(clean_logger.name, logging.INFO, format_string="%(levelname)s:%(message)s",
                             stream=stream)
    clean_logger.debug("hidden")
    clean_logger.info("shown")
    assert stream.getvalue() == "INFO:shown\n"


def test_set_stream_logger_defaults_to_stderr(clean_logger: logging.Logger,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    pubnub.set_stream_logger(clean_logger.name, logging.WARNING)
    clean_logger.warning("to stderr")
    captured = capsys.readouterr()
    assert captured.out == "" and "%s [WARNING] to stderr" % clean_logger.name in captured.err


def test_set_stream_logger_twice_updates_its_own_handler(clean_logger: logging.Logger) -> None:
    present = list(clean_logger.handlers)
    own = io.StringIO()
    application_handler = logging.StreamHandler(own)
    clean_logger.addHandler(application_handler)
    first, second = io.StringIO(), io.StringIO()
    pubnub.set_stream_logger(clean_logger.name, logging.ERROR, stream=first)
    pubnub.set_stream_logger(clean_logger.name, logging.DEBUG, format_string="2:%(message)s", stream=second)
    clean_logger.debug("once")
    assert clean_logger.level == logging.DEBUG
    added = [handler for handler in clean_logger.handlers if handler not in present]
    assert len(added) == 2 and application_handler in added
    assert (first.getvalue(), second.getvalue(), own.getvalue()) == ("", "2:once\n", "once\n")


def test_set_stream_logger_keeps_4x_positional_form(clean_logger: logging.Logger) -> None:
    stream = io.StringIO()
    pubnub.set_stream_logger(clean_logger.name, logging.DEBUG, "%(message)s!", stream)
    clean_logger.debug("x")
    assert stream.getvalue() == "x!\n"


def test_pubnub_root_is_the_package_directory() -> None:
    assert os.path.isabs(pubnub.PUBNUB_ROOT)
    assert os.path.samefile(pubnub.PUBNUB_ROOT, os.path.dirname(pubnub.__file__))
    assert os.path.isfile(os.path.join(pubnub.PUBNUB_ROOT, "pnconfiguration.py"))
