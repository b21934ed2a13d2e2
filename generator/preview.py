"""The preview server's request handler (``python -m generator serve``)."""

from __future__ import annotations

import http.server
from pathlib import Path


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """The preview server: a missing page gets the site's own 404 page (as
    GitHub Pages answers), not the server's plain one."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None
