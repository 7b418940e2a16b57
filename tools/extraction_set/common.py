ITEMS = []


def A(id, published, source, title, text, events):
    """A positive: events = list of (type, date, country, place, perpetrator, killed, injured)."""
    ITEMS.append(
        {
            "id": id,
            "url": f"https://eval.strikewatch.invalid/{id}",
            "title": title,
            "text": text.strip(),
            "published": published,
            "source": source,
            "gold": {
                "is_attack": True,
                "events": [
                    dict(
                        zip(
                            [
                                "event_type",
                                "date",
                                "country",
                                "place",
                                "perpetrator",
                                "killed",
                                "injured",
                            ],
                            e, strict=False,
                        )
                    )
                    for e in events
                ],
            },
        }
    )


def N(id, published, source, title, text):
    ITEMS.append(
        {
            "id": id,
            "url": f"https://eval.strikewatch.invalid/{id}",
            "title": title,
            "text": text.strip(),
            "published": published,
            "source": source,
            "gold": {"is_attack": False, "events": []},
        }
    )
