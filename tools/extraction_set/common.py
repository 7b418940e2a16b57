ITEMS = []


FIELDS = ["event_type", "date", "country", "place", "perpetrator", "killed", "injured"]


def _item(id, published, source, title, text, gold):
    ITEMS.append(
        {
            "id": id,
            "url": f"https://eval.strikewatch.invalid/{id}",
            "title": title,
            "text": text.strip(),
            "published": published,
            "source": source,
            "gold": gold,
        }
    )


def A(id, published, source, title, text, events):
    """A positive: events = list of (type, date, country, place, perpetrator, killed, injured)."""
    _item(id, published, source, title, text,
          {"is_attack": True, "events": [dict(zip(FIELDS, e, strict=False)) for e in events]})


def N(id, published, source, title, text):
    """A hard negative: no attack event."""
    _item(id, published, source, title, text, {"is_attack": False, "events": []})
