"""The preview server's request handler (``python -m generator serve``).

Besides the files of the output folder it serves, when live reload is on,
two addresses of its own under ``/__newsroom/``: the reload script and the
stream of build generations the script listens to. The script is added to
HTML pages as they are sent, never written into the output folder, so the
built site stays byte-identical to one built without the preview.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

PREFIX = "/__newsroom/"
SCRIPT_PATH = PREFIX + "reload.js"
EVENTS_PATH = PREFIX + "events"
# A same-origin file rather than an inline script: the theme's
# Content-Security-Policy allows scripts from 'self' only (and EventSource
# connections to 'self'), so an inline script would be blocked.
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
RELOAD_SCRIPT = b"""\
// Live reload for the preview (python -m generator serve): reloads this tab
// when the site has been rebuilt. Served by the preview only; the built
// site never holds it.
(function () {
  var seen = null;
  var events = new EventSource("/__newsroom/events");
  events.onmessage = function (event) {
    if (seen !== null && event.data !== seen) {
      events.close();
      location.reload();
    }
    seen = event.data;
  };
})();
"""
# An idle event stream sends a comment this often, so a closed tab's
# connection is noticed and its thread ends.
KEEPALIVE_SECONDS = 15.0


def with_reload_script(html: bytes) -> bytes:
    """``html`` with the reload script's tag before its last ``</body>``
    (at the end when it has none).

    >>> with_reload_script(b"<body><p>Hi</p></body></html>")
    b'<body><p>Hi</p><script src="/__newsroom/reload.js"></script></body></html>'
    """
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + SCRIPT_TAG
    return html[:at] + SCRIPT_TAG + html[at:]


class LiveReload:
    """The site's build generation, and the tabs listening for the next.

    The watcher calls :meth:`rebuilt` after a good rebuild; each open tab's
    event stream (a server thread) waits in :meth:`next_generation` and
    tells its tab to reload when the generation changes. The generation
    names this server run too, so a tab that reconnects to a restarted
    preview reloads as well.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._run = f"{time.time_ns():x}"
        self._count = 0
        self._tabs = 0
        self._closed = False

    @property
    def generation(self) -> str:
        return f"{self._run}.{self._count}"

    @property
    def tabs(self) -> int:
        """How many tabs are listening now."""
        return self._tabs

    def rebuilt(self) -> int:
        """Start a new generation; returns how many tabs will reload."""
        with self._changed:
            self._count += 1
            self._changed.notify_all()
            return self._tabs

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def next_generation(self, seen: str | None, timeout: float) -> str | None:
        """The generation once it differs from ``seen`` or ``timeout``
        seconds have passed (then the same one); ``None`` once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self.generation != seen, timeout)
            return None if self._closed else self.generation

    @contextlib.contextmanager
    def listening(self) -> Iterator[None]:
        """Count a tab as listening for the ``with`` block."""
        with self._changed:
            self._tabs += 1
        try:
            yield
        finally:
            with self._changed:
                self._tabs -= 1


def event_stream(live: LiveReload, keepalive: float = KEEPALIVE_SECONDS) -> Iterator[bytes]:
    """The Server-Sent Events a tab receives: the current generation at
    once, then each new one, with keep-alive comments in between."""
    seen = None
    while True:
        generation = live.next_generation(seen, keepalive)
        if generation is None:
            return
        if generation == seen:
            yield b": keep-alive\n\n"
        else:
            seen = generation
            yield f"retry: 1000\ndata: {generation}\n\n".encode()


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """The preview server: a missing page gets the site's own 404 page (as
    GitHub Pages answers), not the server's plain one; with ``live`` given,
    HTML pages carry the reload script and ``/__newsroom/`` serves it."""

    def __init__(self, *args, live: LiveReload | None = None, **kwargs):
        # Set before the base class's __init__, which handles the request.
        self.live = live
        super().__init__(*args, **kwargs)

    def _route(self) -> str:
        return urllib.parse.urlsplit(self.path).path

    def do_GET(self):
        if self.live is not None and self._route() == EVENTS_PATH:
            return self._stream_events()
        return super().do_GET()

    def send_head(self):
        if self.live is None:
            return super().send_head()
        if self._route() == SCRIPT_PATH:
            return self._send_body(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
        page = self._html_file()
        if page is None:
            return super().send_head()
        return self._send_body(with_reload_script(page.read_bytes()), "text/html; charset=utf-8")

    def end_headers(self):
        if self.live is not None:
            # After a rebuild the browser must ask again for a changed
            # stylesheet, not reuse the one it has.
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        if not self._route().startswith(PREFIX):
            super().log_message(format, *args)

    def _html_file(self) -> Path | None:
        """The HTML file this request asks for, if it is one; directories
        without their slash are left to the base class (it redirects)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self._route().endswith("/"):
                return None
            path = path / "index.html"
        return path if path.suffix in {".html", ".htm"} and path.is_file() else None

    def _send_body(self, body: bytes, content_type: str, code: int = 200) -> io.BytesIO:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _stream_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.close_connection = True
        with self.live.listening(), contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for event in event_stream(self.live):
                self.wfile.write(event)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        if self.live is not None:
            body = with_reload_script(body)
        body_file = self._send_body(body, "text/html; charset=utf-8", 404)
        if self.command != "HEAD":
            self.wfile.write(body_file.getvalue())
        return None
