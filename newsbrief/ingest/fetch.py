"""Pages, feeds and sitemaps fetched from the web, only when the user asks (``--fetch``).

Everything else in newsbrief is offline; this module is the one place that opens a connection.
Downloads go through trafilatura's downloader (size cap while streaming, no insecure-TLS
fallback) with a User-Agent naming the project, and every URL is checked against its host's
robots.txt first (RFC 9309: a 4xx robots.txt allows everything, an unreachable one allows
nothing). Requests to one host are spaced by ``FetchPolicy.delay_s``. Private and loopback
addresses are refused (trafilatura's SSRF guard) unless the user typed a URL on that very host,
so a feed cannot point the fetcher at an internal service.

RSS/Atom feeds are read with feedparser, sitemaps (and sitemap indexes, one level deep) with
lxml; both give page URLs, which are fetched like URLs given directly.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsbrief.types import Failure, RawDocument
from newsbrief.version import __version__

USER_AGENT = f"newsbrief/{__version__} (news brief generator; respects robots.txt)"
_SLUG = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Bounds on what a fetch may cost; validated here, read by the CLI."""

    timeout_s: float = 10.0
    max_page_bytes: int = 5 * 1024 * 1024
    max_pages: int = 100
    delay_s: float = 1.0
    max_sitemaps: int = 10

    def __post_init__(self) -> None:
        if not 0 < self.timeout_s <= 120:
            raise ValueError("timeout_s must be in (0, 120]")
        if not 1024 <= self.max_page_bytes <= 100 * 1024 * 1024:
            raise ValueError("max_page_bytes must be between 1 KiB and 100 MiB")
        if not 1 <= self.max_pages <= 10_000:
            raise ValueError("max_pages must be between 1 and 10,000")
        if not 0 <= self.delay_s <= 60:
            raise ValueError("delay_s must be between 0 and 60")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """A page a feed or sitemap lists, with what the listing says about it."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Fetcher:
    """One fetch session: robots.txt per host, politeness per host, private hosts allowed only
    where the user named them."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    trusted_hosts: set[str] = field(default_factory=set)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _last_request: dict[str, float] = field(default_factory=dict)

    def trust(self, urls: Iterable[str]) -> None:
        """URLs the user typed: a private or loopback host among them may be fetched."""
        for url in urls:
            host = urlsplit(url).hostname
            if host and _is_private(host):
                self.trusted_hosts.add(host)

    def get(self, url: str) -> bytes:
        """The body of ``url``; raises ``FetchError`` saying why not."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) URL")
        if not self.allowed_by_robots(url):
            raise FetchError("disallowed by the site's robots.txt")
        status, data = self._download(url)
        if status != 200:
            raise FetchError(f"HTTP status {status}")
        return data

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is not None and rules.can_fetch(USER_AGENT, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        rules = RobotFileParser()
        try:
            status, data = self._download(f"{origin}/robots.txt")
        except FetchError:
            return None  # unreachable: assume complete disallow (RFC 9309 §2.3.1.4)
        if 400 <= status < 500:
            rules.parse([])  # no robots.txt: everything is allowed
        elif status == 200:
            rules.parse(data.decode("utf-8", "replace").splitlines())
        else:
            return None
        return rules

    def _download(self, url: str) -> tuple[int, bytes]:
        from trafilatura.downloads import fetch_response

        host = urlsplit(url).hostname or ""
        wait = self._last_request.get(host, -1e9) + self.policy.delay_s - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request[host] = time.monotonic()
        response = fetch_response(url, config=self._config(host))
        if response is None:
            raise FetchError("no response (network error, refused address or timeout)")
        return int(response.status), bytes(response.data or b"")

    def _config(self, host: str):  # -> configparser.ConfigParser
        from trafilatura.settings import use_config

        config = use_config()
        default = config["DEFAULT"]
        default["user_agents"] = USER_AGENT
        default["download_timeout"] = str(max(1, round(self.policy.timeout_s)))
        default["max_file_size"] = str(self.policy.max_page_bytes)
        default["min_file_size"] = "1"
        default["max_redirects"] = "2"
        default["insecure_ssl_fallback"] = "off"
        default["ssrf_protection"] = "off" if host in self.trusted_hosts else "on"
        return config


class FetchError(Exception):
    """A URL that could not be fetched, with the reason."""


def fetch_documents(
    urls: Iterable[str] = (),
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    policy: FetchPolicy | None = None,
) -> Iterator[RawDocument | Failure]:
    """The pages of ``urls``, and of every page ``feeds`` and ``sitemaps`` list, at most
    ``policy.max_pages`` in all; every URL that fails is a Failure with its reason."""
    urls, feeds, sitemaps = list(urls), list(feeds), list(sitemaps)
    fetcher = Fetcher(policy or FetchPolicy())
    fetcher.trust([*urls, *feeds, *sitemaps])
    items: list[FeedItem | Failure] = [FeedItem(url) for url in urls]
    for feed in feeds:
        items.extend(_listing(fetcher, feed, feed_items))
    for sitemap in sitemaps:
        items.extend(_listing(fetcher, sitemap, lambda data, base: sitemap_items(fetcher, data, base)))
    seen: set[str] = set()
    fetched = 0
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        if item.url in seen:
            continue
        seen.add(item.url)
        if fetched >= fetcher.policy.max_pages:
            yield Failure(item.url, f"not fetched: over the limit of {fetcher.policy.max_pages} pages")
            continue
        fetched += 1
        try:
            data = fetcher.get(item.url)
        except FetchError as exc:
            yield Failure(item.url, f"not fetched: {exc}")
            continue
        yield RawDocument(
            id=page_id(item.url),
            source=item.url,
            content=data.decode("utf-8", "replace"),
            format="html",
            title=item.title,
            url=item.url,
            published=item.published,
        )


def _listing(fetcher: Fetcher, url: str, parse) -> list[FeedItem | Failure]:
    try:
        data = fetcher.get(url)
    except FetchError as exc:
        return [Failure(url, f"not fetched: {exc}")]
    try:
        found = parse(data, url)
    except Exception as exc:  # a malformed listing is reported, not fatal
        return [Failure(url, f"unreadable listing ({type(exc).__name__})")]
    return found or [Failure(url, "the listing names no pages")]


def feed_items(data: bytes, base: str) -> list[FeedItem | Failure]:
    """The entries of an RSS or Atom feed (feedparser never fetches anything given bytes)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if parsed.bozo and not parsed.entries:
        raise ValueError("not a feed")
    items: list[FeedItem | Failure] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%dT%H:%M:%S", stamp) if stamp else None
        items.append(FeedItem(urljoin(base, link.strip()), entry.get("title") or None, published))
    return items


def sitemap_items(fetcher: Fetcher, data: bytes, base: str, depth: int = 0) -> list[FeedItem | Failure]:
    """The pages of a sitemap; a sitemap index is followed one level deep."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    root = etree.fromstring(data, parser=parser)
    locations = [
        urljoin(base, loc.text.strip()) for loc in root.iter("{*}loc") if loc.text and loc.text.strip()
    ]
    if etree.QName(root).localname != "sitemapindex":
        return [FeedItem(url) for url in locations]
    if depth > 0:
        return [Failure(base, "nested sitemap index not followed")]
    items: list[FeedItem | Failure] = []
    for url in locations[: fetcher.policy.max_sitemaps]:
        items.extend(_listing(fetcher, url, lambda d, b: sitemap_items(fetcher, d, b, depth + 1)))
    return items


def page_id(url: str) -> str:
    """A readable, stable id for a fetched page: the last path part plus a short hash."""
    parts = urlsplit(url)
    tail = _SLUG.sub("-", parts.path.rstrip("/").rsplit("/", 1)[-1]).strip("-")[:40]
    digest = hashlib.sha1(url.encode()).hexdigest()[:8]
    return f"{tail or parts.hostname or 'page'}-{digest}"


def _is_private(host: str) -> bool:
    if host.casefold() in ("localhost", "localhost.localdomain"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def read_url_list(text: str) -> list[str]:
    """URLs from a list file: one per line; blank lines and ``#`` comments are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
