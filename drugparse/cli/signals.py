"""SIGINT and SIGTERM as an exception every command ends cleanly on.

A command runs inside :func:`interrupts`; the signal becomes
:class:`Interrupted` (a ``BaseException``, so no ``except Exception`` swallows
it), raised at once or, inside :meth:`Interrupts.deferred`, when the block
ends, so a record is written whole or not at all. The command then prints
what it did so far and exits with :func:`drugparse.cli.status.exit_for_signal`
(130 for SIGINT, 143 for SIGTERM).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["Interrupted", "Interrupts", "interrupts", "signal_name"]


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def signal_name(signum: int) -> str:
    """``signal_name(2)`` is ``'SIGINT'``."""
    return signal.Signals(signum).name


class Interrupts:
    """SIGINT and SIGTERM as :class:`Interrupted`, held back while a record is written."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._held = 0
        self._ignoring = False

    def handler(self, signum: int, frame: FrameType | None) -> None:
        if self._ignoring or self.signum is not None:
            return
        self.signum = signum
        if not self._held:
            raise Interrupted(signum)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """No interrupt lands inside: a record is written whole or not at all."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if not self._held and self.signum is not None and not self._ignoring:
            raise Interrupted(self.signum)

    def ignore(self) -> None:
        """From now on (the clean-up), a second signal waits for the command to end."""
        self._ignoring = True


@contextlib.contextmanager
def interrupts() -> Iterator[Interrupts]:
    """Install the handlers for the block (main thread only; elsewhere nothing to install)."""
    held = Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield held  # signals go to the main thread only
        return
    previous = {
        signum: signal.signal(signum, held.handler) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield held
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
