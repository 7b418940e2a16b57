"""A malformed message on each topic goes to the dead-letter topic with the reason; the stream goes on.

Links are read by the fetcher (``strikewatch producer --role fetcher``), articles by the
faust ``extract`` agent, candidates by the ``dedup`` agent and events by the sink. Each
topic gets malformed messages (not UTF-8, not JSON, 100,000 nested brackets, dates in
year 1 or 9999, NaN and out-of-range coordinates, a negative revision: issue #17) and
then a good one; every good one must still become an alert on the sink's console.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, date, datetime

import pytest
from kafka import KafkaConsumer, KafkaProducer

from strikewatch.bench.loadgen import make_replay
from strikewatch.core.records import Event, Link, Location, Source, url_hash
from strikewatch.core.topics import Topics
from strikewatch.replay import ReplayServer
from tests.integration.test_pipeline_kafka import Service, free_port, wait_for
from tests.kafka_broker import create_topics
from tests.reliability.harness import FAST_GROUPS, summary
from tests.sinks.receivers import sample_event

pytestmark = pytest.mark.kafka

GOOD_ARTICLE = {
    "id": "poison-good-article", "url": "https://example.org/mogadishu",
    "title": "Car bomb kills 9 in Mogadishu",
    "text": "A car bomb exploded at a checkpoint in Mogadishu, Somalia, on Sunday, killing nine people "
            "and wounding 14, police said. Al-Shabaab claimed the attack.",
    "published": "2024-03-04T10:00:00Z",
}


def good_candidate() -> Event:
    published = datetime(2024, 1, 3, 12, tzinfo=UTC)
    return Event(
        id="poison-good-candidate", event_type="bombing", date=date(2024, 1, 3), confidence=0.9,
        location=Location(name="Kerman", country="IR", lat=30.2839, lon=57.0834, precision="city"),
        killed=84, summary="Two blasts hit a memorial procession in Kerman.", first_seen=published,
        sources=[Source(url="https://example.org/kerman", article_id="poison-good-candidate",
                        published=published)],
    )


def test_a_malformed_message_on_every_topic_is_dead_lettered_and_the_stream_goes_on(
        kafka_bootstrap, unique, tmp_path):
    prefix = unique("poison")
    topics = Topics(prefix)
    create_topics(kafka_bootstrap, topics.all(), 1)
    make_replay(tmp_path / "replay", n_articles=1, n_feeds=1, attack_share=1.0)  # Baghdad
    env = {
        "STRIKEWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_TOPIC_PARTITIONS": "1",
        "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
        "STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES": "1",
        "STRIKEWATCH_EXTRACT_WORKERS": "0",
        "STRIKEWATCH_APP_ID": f"{prefix}-processor",
        "STRIKEWATCH_GROUP_ID": f"{prefix}-sink",
        "STRIKEWATCH_ALERT_SETTLE_SECONDS": "0.2",
        **FAST_GROUPS,
    }

    def start(name: str, *args: str) -> Service:
        return Service(name, list(args), {**env, "STRIKEWATCH_METRICS_PORT": str(free_port())}, tmp_path)

    year1 = "0001-01-01T00:30:00+01:00"
    kerman = {"name": "Kerman", "country": "IR", "lat": 30.28, "lon": 57.08}
    bad = [  # (topic, malformed bytes, the stage that must dead-letter them), in send order
        (topics.links, b"\xff\xfe not a link", "fetch"),
        (topics.articles, b"{this is not json", "extract"),
        (topics.articles, b"[" * 100_000, "extract"),
        (topics.articles, json.dumps({"id": "y1", "text": "x", "published": year1}).encode(), "extract"),
        (topics.candidates, json.dumps({"event_type": "bombing", "location": "nowhere"}).encode(), "dedup"),
        (topics.candidates, json.dumps({"id": "d1", "event_type": "bombing", "date": "0001-01-01",
                                        "location": kerman}).encode(), "dedup"),
        (topics.candidates, b'{"id": "nan", "event_type": "bombing", "date": "2024-01-03", "location": '
                            b'{"name": "Kerman", "country": "IR", "lat": NaN, "lon": 57.08}}', "dedup"),
        (topics.candidates, json.dumps({"id": "f1", "event_type": "bombing", "first_seen": year1,
                                        "location": kerman}).encode(), "dedup"),
        (topics.events, json.dumps({"event_type": "protest"}).encode(), "alert"),
        (topics.events, json.dumps({**json.loads(sample_event(event_id="ev-lat").to_json()),
                                    "location": {**kerman, "lat": 999}}).encode(), "alert"),
        (topics.events, json.dumps({**json.loads(sample_event(event_id="ev-rev").to_json()),
                                    "revision": -1}).encode(), "alert"),
    ]
    with ReplayServer(tmp_path / "replay") as server:
        services = [start("processor", "processor"), start("sink", "sink"),
                    start("fetcher", "producer", "--role", "fetcher")]
        try:
            assert wait_for(lambda: "ready" in services[0].err_path.read_text().lower(), 60)
            producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all")
            for topic, value, _ in bad:
                producer.send(topic, key=b"poison", value=value)
            link = Link(id="poison-good-link", url=server.url("pages/a000000.html"), title="Attack in Baghdad",
                        discovered=datetime.now(UTC))
            producer.send(topics.links, key=url_hash(link.url).encode(), value=link.to_bytes())
            producer.send(topics.articles, key=b"good", value=json.dumps(GOOD_ARTICLE).encode())
            candidate = good_candidate()
            producer.send(topics.candidates, key=b"IR", value=candidate.to_bytes())
            event = sample_event(event_id="ev-poison-good")
            producer.send(topics.events, key=event.event_id.encode(), value=event.to_bytes())
            producer.flush()
            producer.close()

            consumer = KafkaConsumer(topics.deadletter, bootstrap_servers=kafka_bootstrap,
                                     auto_offset_reset="earliest", consumer_timeout_ms=1000, group_id=None)
            letters: list[dict] = []
            deadline = time.monotonic() + 90
            while len(letters) < len(bad) and time.monotonic() < deadline:
                letters += [json.loads(m.value) for m in consumer]
            consumer.close()
            logs = "\n".join(s.log_tail() for s in services)
            sink = services[1]
            places = ("Baghdad", "Mogadishu", "Kerman", "Ain al-Asad")
            flowed = wait_for(lambda: all(any(p in line for line in sink.lines()) for p in places), 90)
            counts = {"poison_sent": len(bad), "dead_lettered": len(letters),
                      "good_sent": len(places), "good_alerts": sum(any(p in line for line in sink.lines())
                                                                  for p in places)}
            print(summary("poison", counts))
            assert flowed, f"{sink.lines()}\n{logs}"
        finally:
            codes = [s.stop() for s in services]
    by_place = {(d["topic"], d["offset"]): d for d in letters}
    offsets: dict[str, int] = {}
    for topic, value, stage in bad:
        offset = offsets[topic] = offsets.get(topic, -1) + 1
        letter = by_place.pop((topic, offset), None)
        assert letter is not None, (topic, offset, letters)
        assert (letter["stage"], letter["reason"]) == (stage, "invalid_record"), letter
        assert letter["error"] and letter["partition"] == 0, letter
        assert base64.b64decode(letter["original_b64"]) == value
    assert by_place == {}, by_place  # nothing else was dead-lettered
    assert len(sink.lines()) == len(places), sink.lines()  # one alert each, nothing else
    assert codes == [0, 0, 0], codes
