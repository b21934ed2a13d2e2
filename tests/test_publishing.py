"""Publishing: the Pages workflow is valid and safe, and the built site has no
broken link at a domain root or under a project subpath."""

import functools
import http.server
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from conftest import ROOT, build, seed_site

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent


def test_workflow_matches_the_github_schema():
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_has_no_zizmor_finding():
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--format", "plain", str(WORKFLOW)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_workflow_builds_with_the_readme_command():
    text = WORKFLOW.read_text()
    assert "run: make publish" in text
    assert "SITEURL: ${{ steps.pages.outputs.base_url }}" in text
    assert "fetch-depth: 0" in text
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages", "cache"):
        assert re.search(rf"uses: actions/{action}@v\d+\n", text), action


def test_workflow_publishes_what_comes_due_on_a_schedule_without_idle_deploys(tmp_path):
    import yaml

    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True]  # YAML 1.1 reads the key "on" as True
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    assert flow["jobs"]["deploy"]["if"] == "needs.build.outputs.changed == 'true'"
    steps = {step.get("name"): step for step in flow["jobs"]["build"]["steps"]}
    assert steps["Restore the virtual environment"]["with"]["path"] == ".venv"
    assert steps["Upload the site"]["if"] == "steps.compare.outputs.changed == 'true'"
    # The fingerprint the workflow compares: the same files give the same line.
    digest = ROOT / "tools" / "output-digest"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("front page")
    first = subprocess.run([digest, str(tmp_path / "a")], capture_output=True, text=True, check=True).stdout
    assert subprocess.run([digest, str(tmp_path / "a")], capture_output=True, text=True).stdout == first
    (tmp_path / "a" / "new.html").write_text("a story came due")
    assert subprocess.run([digest, str(tmp_path / "a")], capture_output=True, text=True).stdout != first


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.urls.append(value)


def _serve(output: Path, prefix: str):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = urlparse(path).path
            if not path.startswith(prefix):
                return str(output / "__outside_the_site__")
            return super().translate_path("/" + path[len(prefix) :])

        def log_message(self, *args):
            pass

    handler = functools.partial(Handler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _crawl(start: str, origin: str, limit: int = 2000) -> tuple[set[str], list[str]]:
    seen: set[str] = set()
    broken: list[str] = []
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            broken.append(f"{url} -> {exc.code}")
            continue
        if "html" in kind:
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            found = parser.urls
        elif "xml" in kind or url.endswith(".json"):
            found = re.findall(rb"(?:href=\"|<link>|\"url\": \")(https?://[^\"<]+)", body)
            found = [u.decode() for u in found]
        else:
            found = []
        for link in found:
            absolute = urljoin(url, link).split("#")[0]
            if absolute.startswith(origin) and absolute not in seen:
                queue.append(absolute)
    return seen, broken


@pytest.mark.parametrize("prefix", ["/newsroom/", "/"])
def test_published_site_has_no_broken_links(tmp_path, prefix):
    output = tmp_path / "output"
    server = _serve(output, prefix)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    siteurl = origin + prefix.rstrip("/")
    cname = "news.example.org" if prefix == "/" else None
    try:
        build(seed_site(tmp_path, pages=True, SITEURL=siteurl, GITHUB_PAGES_CNAME=cname))
        seen, broken = _crawl(siteurl + "/", origin)
        assert broken == []
        assert any("/feeds/all.atom.xml" in u for u in seen)
        assert any("/theme/css/site.css" in u for u in seen)
        assert sum("/stories/" in u for u in seen) >= 2
        # Every link stays under the site's own path.
        assert all(u.startswith(siteurl + "/") or u == siteurl for u in seen)
        # The 404 page works from any depth under the subpath.
        page = (output / "404.html").read_text()
        parser = _Links()
        parser.feed(page)
        # (links are absolute, or root-relative under the site's path)
        assert all(u.startswith((siteurl + "/", prefix, "#")) and not u.startswith("//") for u in parser.urls)
    finally:
        server.shutdown()
    assert (output / ".nojekyll").is_file()
    assert (output / "CNAME").is_file() == (prefix == "/")
