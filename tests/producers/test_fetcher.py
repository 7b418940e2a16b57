"""Article fetching and extraction: boilerplate removal, fallbacks and every way a page can fail."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import pytest

from strikewatch.core.records import Link, url_hash
from strikewatch.producers.fetcher import ArticleFetcher, ExtractionError, extract_article
from tests.producers.conftest import REPLAY_DIR, respond

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
DISCOVERED = datetime(2024, 3, 5, 11, 59, tzinfo=UTC)


def page(name: str) -> bytes:
    return (REPLAY_DIR / "pages" / name).read_bytes()


def link_to(url: str, **fields) -> Link:
    return Link(id=url, url=url, discovered=DISCOVERED, feed_name="Wire World", **fields)


def value(registry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


# --- extract_article (pure) ------------------------------------------------------------


def test_extract_keeps_article_text_and_drops_boilerplate():
    link = link_to(
        "https://wire.example/pages/depot-strike.html",
        title="Feed title",
        published=datetime(2024, 3, 5, 5, 30, tzinfo=UTC),
    )
    article = extract_article(page("depot-strike.html"), link, NOW)
    assert "Firefighters worked for more than six hours" in article.text
    assert "deliveries would resume" in article.text
    for boilerplate in (
        "Subscribe",
        "cookies",
        "Most read",
        "Transfer window",
        "Privacy policy",
        "Copyright",
    ):
        assert boilerplate not in article.text
    assert article.id == url_hash(link.url)
    assert article.url == link.url
    assert article.title == "Drone strike hits fuel depot near Kharkiv"
    assert article.author == "Maria Okonkwo"
    assert article.outlet == "Wire World"
    assert article.published == datetime(2024, 3, 5, 5, 30, tzinfo=UTC)
    assert (article.fetched, article.discovered, article.language) == (NOW, DISCOVERED, "")


def test_extract_falls_back_to_the_feed_item():
    published = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    link = link_to(
        "https://wire.example/pages/festival.html", title="Feed title", published=published
    )
    article = extract_article(page("festival.html"), link, NOW)
    assert "forty thousand visitors" in article.text
    assert article.outlet == "Wire World"  # the page only gives its host name
    assert article.published == published


def test_extract_empty_page_is_no_text():
    link = link_to("https://wire.example/pages/empty.html")
    with pytest.raises(
        ExtractionError, match=r"^https://wire.example/pages/empty.html: no article text"
    ) as err:
        extract_article(page("empty.html"), link, NOW)
    assert err.value.reason == "no_text"


# --- ArticleFetcher against local servers ----------------------------------------------


def test_fetch_many_returns_the_good_articles(replay, settings, metrics, registry, caplog):
    links = [
        link_to(replay.url(f"pages/{name}"))
        for name in ("depot-strike.html", "festival.html", "empty.html")
    ]
    with caplog.at_level(logging.WARNING), ArticleFetcher(settings, metrics) as fetcher:
        articles = fetcher.fetch_many(links)
    assert [a.url for a in articles] == [links[0].url, links[1].url]
    assert value(registry, "strikewatch_articles_total", outcome="ok") == 2
    assert value(registry, "strikewatch_articles_total", outcome="failed") == 1
    assert value(registry, "strikewatch_failures_total", stage="fetch", reason="no_text") == 1
    assert any(
        links[2].url in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
    )


def test_fetch_follows_redirects_and_uses_http_charset(scripted, settings, metrics):
    text = "Les secours sont arrivés après l'explosion près de la gare, a déclaré la préfecture."
    body = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode(
        "latin-1"
    )
    scripted.route(
        "/page", lambda h: respond(h, 200, body, {"Content-Type": "text/html; charset=ISO-8859-1"})
    )
    url = scripted.route("/short", lambda h: respond(h, 301, headers={"Location": "/page"}))
    with ArticleFetcher(settings, metrics) as fetcher:
        article = fetcher.fetch(link_to(url))
    assert article is not None
    assert article.url == url and article.id == url_hash(url)
    assert "arrivés après l'explosion" in article.text


def test_fetch_plain_text_page(scripted, settings, metrics):
    body = b"Two rockets hit an empty warehouse overnight, police said.\n\nNo one was hurt in the attack."
    url = scripted.route(
        "/story.txt", lambda h: respond(h, 200, body, {"Content-Type": "text/plain"})
    )
    with ArticleFetcher(settings, metrics) as fetcher:
        article = fetcher.fetch(link_to(url))
    assert article is not None and "No one was hurt" in article.text


def slow(handler):
    time.sleep(1.5)
    respond(handler, 200, page("festival.html"), {"Content-Type": "text/html"})


def declared_huge(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(10_000_000))
    handler.end_headers()
    handler.wfile.write(b"<html>" + b" " * 65536)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("status_404", "http_status"),
        ("status_500", "http_status"),
        ("yaml", "bad_content_type"),
        ("image", "bad_content_type"),
        ("timeout", "timeout"),
        ("refused", "connection"),
        ("blocked", "blocked_address"),
        ("redirect_to_ftp", "blocked_address"),
        ("declared_huge", "too_large"),
        ("empty_page", "no_text"),
    ],
)
def test_bad_page_yields_none_and_is_counted(
    case,
    reason,
    replay,
    scripted,
    refused_url,
    settings,
    metrics,
    registry,
    caplog,
):
    url = {
        "status_404": lambda: replay.url("pages/missing.html"),
        "status_500": lambda: scripted.route("/500", lambda h: respond(h, 500, b"oops")),
        "yaml": lambda: replay.url("feeds.yaml"),
        "image": lambda: scripted.route(
            "/a.png", lambda h: respond(h, 200, b"\x89PNG", {"Content-Type": "image/png"})
        ),
        "timeout": lambda: scripted.route("/slow", slow),
        "refused": lambda: refused_url.replace("feed.xml", "page.html"),
        "blocked": lambda: replay.url("pages/depot-strike.html"),
        "redirect_to_ftp": lambda: scripted.route(
            "/r", lambda h: respond(h, 302, headers={"Location": "ftp://x/"})
        ),
        "declared_huge": lambda: scripted.route("/huge", declared_huge),
        "empty_page": lambda: replay.url("pages/empty.html"),
    }[case]()
    if case == "blocked":
        settings = settings.model_copy(update={"allow_private_addresses": False})
    if case == "timeout":
        settings = settings.model_copy(update={"http_timeout_seconds": 0.3})
    with caplog.at_level(logging.WARNING), ArticleFetcher(settings, metrics) as fetcher:
        assert fetcher.fetch(link_to(url)) is None
    assert value(registry, "strikewatch_articles_total", outcome="failed") == 1
    assert value(registry, "strikewatch_failures_total", stage="fetch", reason=reason) == 1
    warnings = [
        r for r in caplog.records if r.levelno == logging.WARNING and r.name == "strikewatch.producers.fetcher"
    ]
    assert len(warnings) == 1
    assert url in warnings[0].getMessage() and f"reason={reason}" in warnings[0].getMessage()


def test_a_page_dated_outside_1900_2100_falls_back_to_the_feed_date():
    page = ('<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z">'
            "<title>Blast</title></head><body><article><p>"
            + "A bomb exploded at a market in the city centre, killing three people. " * 8
            + "</p></article></body></html>")
    fed = datetime(2024, 5, 2, 8, tzinfo=UTC)
    link = Link(id="x", url="https://example.org/a", published=fed, discovered=fed)
    article = extract_article(page, link, datetime(2024, 5, 2, 9, tzinfo=UTC))
    assert article.published == fed
