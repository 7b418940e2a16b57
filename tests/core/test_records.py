import pytest

from strikewatch.core.records import Article, Event, Link, RecordError, decode


def test_article_from_the_cli_contract_minimal_line():
    article = decode(Article, '{"id": "a1", "url": "https://x.org/1", "title": "T", "text": "body",'
                              ' "published": "2023-11-21T10:00:00+03:00"}')
    assert article.published.isoformat() == "2023-11-21T07:00:00+00:00"
    assert '"published":"2023-11-21T07:00:00Z"' in article.to_json()
    assert '"schema":"strikewatch.article/1"' in article.to_json()


def test_error_names_record_source_and_field():
    with pytest.raises(RecordError) as info:
        decode(Article, '{"id": "a1", "published": "2023-11-21T10:00:00"}', "stdin:3")
    err = info.value
    assert err.field == "published" and err.source == "stdin:3"
    assert str(err).startswith("Article from stdin:3: field 'published':")


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"\xff\xfe{", "not UTF-8"),
        ("{not json", "not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"url": "x"}', "field 'id'"),
    ],
)
def test_bad_messages_are_explained(raw, reason):
    with pytest.raises(RecordError, match=reason):
        decode(Article, raw, "topic[0]@5")


def test_wrong_schema_version_is_refused():
    with pytest.raises(RecordError, match="schema"):
        decode(Link, '{"schema": "strikewatch.link/9", "id": "1", "url": "u", '
                     '"discovered": "2024-01-01T00:00:00Z"}')


def test_event_round_trips_through_json():
    event = Event(event_type="shelling", killed=3, killed_at_least=True, date="2024-01-02")
    again = decode(Event, event.to_bytes())
    assert again == event
    with pytest.raises(RecordError, match="event_type"):
        decode(Event, '{"event_type": "protest"}')
