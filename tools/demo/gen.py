import html
import os
import sys
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(__file__))
from articles import A

OUT = sys.argv[1]
os.makedirs(f"{OUT}/pages", exist_ok=True)
os.makedirs(f"{OUT}/feeds", exist_ok=True)

OUTLETS = {
    "meridian": dict(
        name="Meridian Wire",
        file="meridian-wire",
        kind="rss",
        tagline="Independent news agency",
        nav=["World", "Business", "Markets", "Politics", "Sport", "Video", "Pictures"],
        side=[
            "Central bank holds interest rates steady",
            "Wheat futures ease on harvest outlook",
            "Airline shares climb after strong summer bookings",
            "Film festival opens with record ticket sales",
        ],
        css="body{font-family:Georgia,serif;margin:0}.mw-top{background:#0a2a4a;color:#fff;padding:8px}",
    ),
    "gulf": dict(
        name="Gulf Desk Daily",
        file="gulf-desk-daily",
        kind="atom",
        tagline="News from the Gulf and the Levant",
        nav=["Home", "Gulf", "Levant", "Iraq", "Iran", "Economy", "Opinion", "Podcasts"],
        side=[
            "Oil output steady as producers meet",
            "New metro line opens in the capital",
            "Date harvest festival draws visitors",
            "Regional airline adds routes to Asia",
        ],
        css="body{font-family:Arial,sans-serif;margin:0}.gdd-bar{background:#b5651d;color:#fff}",
    ),
    "northbridge": dict(
        name="The Northbridge Chronicle",
        file="northbridge-chronicle",
        kind="atom",
        tagline="Reporting since 1887",
        nav=["News", "World", "UK", "Business", "Climate", "Culture", "Sport", "Analysis"],
        side=[
            "Opinion: what the census tells us about our towns",
            "The week in pictures",
            "Recipes: five ways with spring greens",
            "Crossword and puzzles",
        ],
        css="body{font-family:'Times New Roman',serif;margin:0 auto;max-width:980px}",
    ),
    "sahel": dict(
        name="Sahel Observer",
        file="sahel-observer",
        kind="rss",
        tagline="Africa and the world",
        nav=[
            "Accueil / Home",
            "West Africa",
            "East Africa",
            "Sahel",
            "World",
            "Economy",
            "Culture",
        ],
        side=[
            "Cotton farmers expect better season after rains",
            "Solar mini-grids reach more villages",
            "Regional football league announces new season dates",
            "Interview: the musicians reviving desert blues",
        ],
        css="body{font-family:Verdana,sans-serif;margin:0}.so-head{border-bottom:4px solid #d4a017}",
    ),
    "indus": dict(
        name="Indus Ledger",
        file="indus-ledger",
        kind="rss",
        tagline="South Asia's news of record",
        nav=[
            "Pakistan",
            "Afghanistan",
            "India",
            "World",
            "Business",
            "Sport",
            "Editorial",
            "E-paper",
        ],
        side=[
            "Cotton exports rise for third month",
            "Cricket board names squad for home series",
            "Monsoon forecast: above-normal rains expected",
            "Textile mills seek relief on power tariffs",
        ],
        css="body{font-family:Tahoma,sans-serif;margin:0}.il-mast{background:#14532d;color:#fff}",
    ),
}


def pdt(a):
    return datetime.fromisoformat(a["published"])


def fmt_human(a):
    d = pdt(a)
    return (
        d.strftime("%-d %B %Y, %H:%M") + " " + (d.strftime("%z")[:3] + ":" + d.strftime("%z")[3:])
    )


def paragraphs(a):
    ps = list(a["body"])
    if a.get("dateline"):
        ps[0] = a["dateline"] + " - " + ps[0]
    return "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in ps)


def page(a):
    o = OUTLETS[a["outlet"]]
    url = "{{BASE}}/pages/" + a["slug"] + ".html"
    nav = "\n".join(
        f'        <li><a href="{{{{BASE}}}}/section/{n.lower().split()[0].strip("/")}">{html.escape(n)}</a></li>'
        for n in o["nav"]
    )
    side = "\n".join(
        f'        <li><a href="{{{{BASE}}}}/more/{i}">{html.escape(s)}</a></li>'
        for i, s in enumerate(o["side"], 1)
    )
    t = html.escape(a["title"])
    section = html.escape(a.get("section", "World"))
    byline = html.escape(a["author"])
    year = pdt(a).year
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{t} | {html.escape(o["name"])}</title>
  <meta name="description" content="{html.escape(a["desc"])}">
  <meta name="author" content="{byline}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{html.escape(o["name"])}">
  <meta property="og:title" content="{t}">
  <meta property="og:description" content="{html.escape(a["desc"])}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{a["published"]}">
  <meta property="article:section" content="{section}">
  <link rel="canonical" href="{url}">
  <style>{o["css"]}</style>
</head>
<body>
  <div id="cookie-consent" class="cookie-banner" role="dialog">
    <p>We use cookies and similar technologies to improve your experience, measure audiences and show
    relevant advertising. By clicking "Accept all" you agree to our use of cookies. You can change your
    choices at any time in Privacy settings.</p>
    <button>Accept all</button> <button>Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="logo" href="{{{{BASE}}}}/">{html.escape(o["name"])}</a>
    <span class="tagline">{html.escape(o["tagline"])}</span>
    <nav class="main-nav" aria-label="Sections">
      <ul>
{nav}
      </ul>
    </nav>
    <form class="search" action="{{{{BASE}}}}/search"><input name="q" placeholder="Search"><button>Go</button></form>
    <a class="subscribe" href="{{{{BASE}}}}/subscribe">Subscribe for unlimited access</a>
  </header>
  <main>
    <div class="breadcrumbs"><a href="{{{{BASE}}}}/">Home</a> &rsaquo; <a href="{{{{BASE}}}}/section">{section}</a></div>
    <article>
      <header>
        <h1>{t}</h1>
        <p class="byline">By <span class="author">{byline}</span> &middot; <time datetime="{a["published"]}">{fmt_human(a)}</time></p>
      </header>
{paragraphs(a)}
    </article>
    <div class="share">Share this story: <a href="#">Email</a> <a href="#">X</a> <a href="#">Facebook</a> <a href="#">WhatsApp</a></div>
    <aside class="related">
      <h2>Most read</h2>
      <ul>
{side}
      </ul>
      <div class="newsletter">Get our morning briefing in your inbox. <a href="{{{{BASE}}}}/newsletters">Sign up</a></div>
    </aside>
  </main>
  <footer class="site-footer">
    <p>&copy; {year} {html.escape(o["name"])}. All rights reserved.</p>
    <ul>
      <li><a href="{{{{BASE}}}}/about">About us</a></li>
      <li><a href="{{{{BASE}}}}/contact">Contact</a></li>
      <li><a href="{{{{BASE}}}}/terms">Terms of use</a></li>
      <li><a href="{{{{BASE}}}}/privacy">Privacy policy</a></li>
      <li><a href="{{{{BASE}}}}/cookies">Cookie settings</a></li>
    </ul>
    <p>This is a fictional outlet in the strikewatch demo replay.</p>
  </footer>
</body>
</html>
"""


for a in A:
    with open(f"{OUT}/pages/{a['slug']}.html", "w") as f:
        f.write(page(a))

# Syndication: the Meridian Wire Mogadishu story also runs in the Sahel Observer feed.
SYNDICATED = {"sahel": ["mogadishu-meridian"]}


def rss(outlet, items):
    o = OUTLETS[outlet]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "  <channel>",
        f"    <title>{escape(o['name'] + ' - World & Top Stories')}</title>"
        if outlet == "meridian"
        else f"    <title>{escape(o['name'])}</title>",
        "    <link>{{BASE}}/</link>",
        f"    <description>{escape(o['tagline'])} (fictional outlet, strikewatch demo)</description>",
        "    <language>en</language>",
        f'    <atom:link href="{{{{BASE}}}}/feeds/{o["file"]}.xml" rel="self" type="application/rss+xml"/>',
        f"    <lastBuildDate>{format_datetime(max(pdt(a) for a in items))}</lastBuildDate>",
    ]
    for a in items:
        link = "{{BASE}}/pages/" + a["slug"] + ".html"
        syn = a["outlet"] != outlet
        guid = a.get("guid") if not syn else None
        out += [
            "    <item>",
            f"      <title>{escape(a['title'])}</title>",
            f"      <link>{link}</link>",
            (
                f'      <guid isPermaLink="false">{escape(guid)}</guid>'
                if guid
                else f'      <guid isPermaLink="true">{link}</guid>'
            ),
            f"      <pubDate>{format_datetime(pdt(a))}</pubDate>",
            f"      <dc:creator>{escape(a['author'] if not syn else OUTLETS[a['outlet']]['name'])}</dc:creator>",
            f"      <category>{escape(a.get('section', 'World'))}</category>",
            f"      <description>{escape(a['desc'])}</description>",
            "    </item>",
        ]
    out += ["  </channel>", "</rss>", ""]
    return "\n".join(out)


def atom(outlet, items):
    o = OUTLETS[outlet]
    dom = o["file"].replace("-", "") + ".example"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{escape(o['name'])}</title>",
        f"  <subtitle>{escape(o['tagline'])} (fictional outlet, strikewatch demo)</subtitle>",
        f"  <id>tag:{dom},2020:feed</id>",
        '  <link rel="alternate" href="{{BASE}}/"/>',
        f'  <link rel="self" href="{{{{BASE}}}}/feeds/{o["file"]}.xml"/>',
        f"  <updated>{max(pdt(a) for a in items).isoformat()}</updated>",
    ]
    for a in items:
        link = "{{BASE}}/pages/" + a["slug"] + ".html"
        d = pdt(a)
        entry_id = f"tag:{dom},{d.date().isoformat()}:/{a['slug']}" if outlet == "gulf" else link
        out += [
            "  <entry>",
            f"    <title>{escape(a['title'])}</title>",
            f'    <link rel="alternate" type="text/html" href="{link}"/>',
            f"    <id>{entry_id}</id>",
            f"    <published>{d.isoformat()}</published>",
            f"    <updated>{d.isoformat()}</updated>",
            f"    <author><name>{escape(a['author'])}</name></author>",
            f'    <category term="{escape(a.get("section", "World"), {chr(34): "&quot;"})}"/>',
            f'    <summary type="text">{escape(a["desc"])}</summary>',
            "  </entry>",
        ]
    out += ["</feed>", ""]
    return "\n".join(out)


bys = {k: [a for a in A if a["outlet"] == k] for k in OUTLETS}
for k, extra in SYNDICATED.items():
    bys[k] += [a for a in A if a["slug"] in extra]
for k, items in bys.items():
    items.sort(key=pdt, reverse=True)
    o = OUTLETS[k]
    with open(f"{OUT}/feeds/{o['file']}.xml", "w") as f:
        f.write(rss(k, items) if o["kind"] == "rss" else atom(k, items))
for a in A:
    print(a["slug"], len(" ".join(a["body"]).split()))
