"""A real SMTP server on loopback (aiosmtpd) that records what arrives, and can misbehave:
refuse the next messages (451, a temporary failure) or hold a send at the recipient (before the
message) or after the message (before saying "250").
"""

import asyncio
import email
import socket
import threading
import time
from email.message import Message

from aiosmtpd.controller import Controller

TEMPORARY_REFUSAL = "451 4.3.0 Try again later"
PERMANENT_REFUSAL = "554 5.7.1 Message refused"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def _held(self, stage: str) -> None:
        sink = self.sink
        if sink.hold.is_set() and sink.hold_stage == stage:
            sink.held.set()
            while sink.hold.is_set():
                await asyncio.sleep(0.02)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Held here, the message is not complete: a client dying now has sent nothing.
        await self._held("rcpt")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        sink = self.sink
        with sink.lock:
            sink.attempts += 1
            if sink.refusals > 0:
                sink.refusals -= 1
                return sink.refusal
        message = email.message_from_bytes(envelope.content)
        with sink.lock:
            sink.messages.append((list(envelope.rcpt_tos), message))
        # Held here, the message is queued already: like a real MTA, it is delivered even if
        # the client dies before hearing "250" (the window no system can close).
        await self._held("data")
        return "250 OK"


class SmtpSink:
    """Start with `with SmtpSink() as sink:`; `sink.port` is where it listens."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.lock = threading.Lock()
        self.messages: list[tuple[list[str], Message]] = []
        self.attempts = 0
        self.refusals = 0
        self.refusal = TEMPORARY_REFUSAL
        self.hold = threading.Event()
        self.hold_stage = "rcpt"
        self.held = threading.Event()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.hold.clear()
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def refuse_next(self, count: int, reply: str = "") -> None:
        """Refuse the next `count` messages, by default temporarily (4xx)."""
        with self.lock:
            self.refusals = count
            self.refusal = reply or TEMPORARY_REFUSAL

    def received(self) -> list[Message]:
        with self.lock:
            return [message for _, message in self.messages]

    def recipients(self) -> list[list[str]]:
        with self.lock:
            return [rcpt for rcpt, _ in self.messages]

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Message]:
        """Wait until `count` messages arrived (or fail after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.received()
            if len(messages) >= count:
                return messages
            time.sleep(0.05)
        raise AssertionError(f"{len(self.received())} message(s) arrived, not {count}")

    def stays_at(self, count: int, seconds: float) -> bool:
        """True if no more than `count` messages arrive during `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(self.received()) > count:
                return False
            time.sleep(0.05)
        return len(self.received()) == count
