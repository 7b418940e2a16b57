"""Vocabularies the structure-aware targets build documents from."""

ATTACK_WORDS = [
    "killed", "at least", "injured", "wounded", "dead", "died", "people", "civilians",
    "soldiers", "a", "the", "in", "on", "near", "of", "and", "were", "was", "said",
    "drone", "missile", "rocket", "strike", "air strike", "shelling", "bombing",
    "suicide bomber", "IED", "gunmen", "opened fire", "attack", "attacked", "struck",
    "struck back", "in response", "retaliation", "separately", "in another attack",
    "Kyiv", "Kharkiv", "Gaza", "Baghdad", "Kabul", "Mogadishu", "Damascus", "Ukraine",
    "Iraq", "Syria", "Israel", "Somalia", "Afghanistan", "Nigeria", "Russia", "Hamas",
    "Islamic State", "al-Shabaab", "Houthis", "police station", "mosque", "market",
    "hospital", "military base", "airport", "yesterday", "last night", "on Monday",
    "last Tuesday", "on 31 December", "on February 30", "on 29 February 1900",
    "on 31 December 2100", "in January 1900", "2100-12-31", "1899-12-31", "1900-01-01",
    "last week", "last month", "earlier this week", "dozens", "hundreds", "thousands",
    "one", "two", "three", "ten", "twenty", "hundred", "thousand", "million", "billion",
    "1,000,000,000,000", "99999999999999999999", "1e308", "-5", "half", "officials",
    "told Reuters", "according to", "km", "north of", "BAGHDAD,", "(AP) —",
]  # fmt: skip

HTML_PARTS = [
    "<html>", "</html>", "<html amp>", "<head>", "<body>", "<p>", "</p>", "<div>", "</div>",
    "<article>", "</article>", "<script>", "</script>", "<style>", "</style>",
    '<script type="application/ld+json">', '{"isAccessibleForFree": false}',
    '{"@type":"NewsArticle","datePublished":"', '"}', '<link rel="canonical" href="',
    '<link rel="amphtml" href="', '">', '<meta charset="', '<meta property="article:published_time" content="',
    '<meta name="date" content="', '<time datetime="', "</time>", "<title>", "</title>",
    "<!--", "-->", '<div class="paywall">', "cookie consent accept", "<h1>", "</h1>",
    "<![CDATA[", "]]>", "&#0;", "&#x110000;", "&nbsp;", "<", ">", "<br>" * 3,
]  # fmt: skip

XML_PARTS = [
    "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "]]>", "<![CDATA[", "\x00", "\ufffe",
    "é", "<b>", "</item>", "&a;", "&lt;p&gt;", "<entry>", "</channel>",
]  # fmt: skip

YAML_KEYS = [
    "subscriptions", "id", "name", "channels", "type", "url", "secret_env", "to", "filters",
    "countries", "event_types", "perpetrators", "keywords", "near", "place", "lat", "lon",
    "radius_km", "bbox", "min_killed", "min_injured", "min_confidence", "rate_limit", "max",
    "per_seconds", "digest", "every_seconds", "updates", "bogus", "<<",
]  # fmt: skip

YAML_SCALARS = [
    "", "~", "[]", "{}", "x", "1", "-1", "0", "1e999", "-1e999", ".nan", ".NaN", ".inf",
    "-.inf", "1e308", "0x7fffffffffffffff", "99999999999999999999999", "1" * 5000,
    "9999-12-31", "0001-01-01T00:00:00+23:59", "yes", "&a x", "*a", "!!python/object:os.system",
    "!!binary aGk=", "!!set {a}", "!!omap [a: 1]", "'", '"', ":", "- ", "\t", "webhook",
    "webhook+hmac", "console", "email", "apprise", "http://127.0.0.1/", "mailto:x@y", "IQ",
    "zz", "ZZ", "Kyiv, UA", "Nowhere, XX", "[1, 2, 3, 4]", "[-180, -90, 180, 90]",
    "[.nan, 0, 0, 0]", "[0, 0, 0]", "drone_attack", "a@b.example",
]  # fmt: skip
