"""A small asyncio HTTP/1.1 client for the load generator: raw requests, a session's cookies.

No third-party client: it is what the generator spends its core on, so it does the least a
browser would (one request at a time per connection, keep-alive when the server allows it,
gunicorn's sync workers close every connection) and nothing else.
"""

import asyncio
import re
import socket
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_FIELD = re.compile(rb'name="version"[^>]*value="(\d+)"')


class HttpError(Exception):
    """The connection broke, or the answer was not HTTP/1.1 as expected."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; Set-Cookie joined by "\n"
    body: bytes

    def form_token(self) -> str | None:
        found = CSRF_FIELD.search(self.body)
        return found.group(1).decode() if found else None

    def form_version(self) -> str | None:
        found = VERSION_FIELD.search(self.body)
        return found.group(1).decode() if found else None


@dataclass
class Session:
    """One simulated browser (or API client): its cookies and its one connection."""

    host: str
    port: int
    extra_headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Response:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            self._writer.get_extra_info("socket").setsockopt(
                socket.IPPROTO_TCP, socket.TCP_NODELAY, 1
            )
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        all_headers = {**self.extra_headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body or method not in ("GET", "HEAD"):
            all_headers["Content-Length"] = str(len(body))
        lines += [f"{name}: {value}" for name, value in all_headers.items()]
        try:
            self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            response = await self._read_response(method)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            self.close()
            raise HttpError(f"{type(error).__name__}: {error}") from error
        if response.headers.get("connection", "").lower() == "close":
            self.close()
        self._keep_cookies(response)
        return response

    async def _read_response(self, method: str) -> Response:
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HttpError(f"not an HTTP answer: {status_line!r}")
        headers: dict[str, str] = {}
        for line in filter(None, header_lines):
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            headers[name] = f"{headers[name]}\n{value}" if name in headers else value
        status = int(parts[1])
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            body = b""
        elif "content-length" in headers:
            body = await self._reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked()
        else:
            body = await self._reader.read()  # until the server closes
            headers["connection"] = "close"
        return Response(status, headers, body)

    async def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")  # no trailers from Django
                return b"".join(chunks)
            chunks.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    def _keep_cookies(self, response: Response) -> None:
        for value in response.headers.get("set-cookie", "").split("\n"):
            if value:
                jar = SimpleCookie()
                jar.load(value)
                for name, morsel in jar.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None
