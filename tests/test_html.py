"""The HTML report, loaded in headless Chromium: the rendered DOM is checked and a screenshot taken."""
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from tmplint.cli import main

from .conftest import ROOT
from .external import chromium

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class Dom(HTMLParser):
    """Collect elements (tag, attrs, text) from Chromium's serialised DOM."""

    def __init__(self):
        super().__init__()
        self.stack, self.elements = [], []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("br", "meta", "link", "img", "input"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self.stack:
            element["text"] += data

    def find(self, tag, **attrs):
        return [e for e in self.elements if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples"), "--format", "html",
                                       "--output-file", str(out / "report.html")])
    assert result.exit_code == 1, result.output
    browser = chromium()
    profile = ["--user-data-dir=" + str(out / "profile")]
    dom = subprocess.run([browser, *FLAGS, *profile, "--dump-dom", (out / "report.html").as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    shot = subprocess.run([browser, *FLAGS, *profile, "--window-size=1200,2400",
                           f"--screenshot={out / 'report.png'}", (out / "report.html").as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.returncode == 0, shot.stderr[-2000:]
    parser = Dom()
    parser.feed(dom.stdout)
    return parser, out


def test_page_is_self_contained():
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples"), "--format", "html"])
    html = result.output
    assert "<script src" not in html and "<link" not in html and "http" not in html.split("<body>")[0]


def test_each_template_is_a_bubble_with_its_verdict(page):
    dom, _ = page
    articles = dom.find("article")
    assert [(a["attrs"]["data-name"], a["attrs"]["data-verdict"]) for a in articles] == [
        ("login_code", "pass"), ("payment_reminder", "fail"), ("appointment_reminder", "pass"),
        ("Spring Sale", "fail"), ("order_shipped", "pass"), ("summer_promo", "fail"),
        ("reservation_confirmation", "pass")]


def test_formatting_rendered_and_placeholders_filled(page):
    dom, _ = page
    strong = [e["text"] for e in dom.find("strong")]
    assert "Your table is booked!" in strong  # *...* rendered bold, markers hidden
    variables = {(e["attrs"]["title"], e["text"]) for e in dom.find("span", **{"class": "var"})}
    assert ("{{number_of_guests}}", "4") in variables and ("{{1}}", "Maria") in variables


def test_findings_marked_on_the_text(page):
    dom, _ = page
    marks = dom.find("mark")
    spaced = [m for m in marks if "PH002" in m["attrs"]["data-codes"].split()]
    assert spaced and spaced[0]["text"] == "{{ 3 }}" and spaced[0]["attrs"]["class"] == "error"
    assert "Malformed placeholder" in spaced[0]["attrs"]["title"]
    assert any(e["text"].strip().startswith("Copy code") for e in dom.find("div", **{"class": "btn"}))
    assert "123456 is your verification code." in "".join(e["text"] for e in dom.find("div", **{"class": "text"}))


def test_predicted_category_shown(page):
    dom, _ = page
    predicted = dom.find("strong", **{"class": "predicted"})
    assert predicted and all(p["text"] in ("MARKETING", "UTILITY", "AUTHENTICATION") for p in predicted)


def test_screenshot_taken(page):
    _, out = page
    png = (out / "report.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
