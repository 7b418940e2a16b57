"""What `strikewatch bench` shows while it runs: stage lines, counts, and no broker start-up noise."""

import io
import logging
import socket

import pytest
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from strikewatch.bench.progress import Stages, counter, quiet_kafka_start


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stages_say_which_benchmark_runs_and_how_long_it_took():
    out = io.StringIO()
    stages = Stages(2, out)
    stages.begin("feeds")
    stages.end()
    stages.begin("poll")
    stages.end(failed=True)
    lines = out.getvalue().splitlines()
    assert lines[0] == "[bench 1/2] feeds ..."
    assert lines[1].startswith("[bench 1/2] feeds done in ") and lines[1].endswith(" s")
    assert lines[2] == "[bench 2/2] poll ..."
    assert lines[3].startswith("[bench 2/2] poll FAILED after ")


def test_a_count_off_a_terminal_is_plain_lines_ending_with_where_it_stopped():
    out = io.StringIO()
    with counter("events out", 10, "events", out=out, every=3600) as update:
        for done in (2, 5, 7):
            update(done)
    # the first update is the first line; then none for an hour; the close says where it ended
    assert out.getvalue().splitlines()[-1].startswith("[bench] events out: 7/10 events after ")
    assert "\r" not in out.getvalue()
    every = io.StringIO()
    with counter("events out", 3, "events", out=every, every=0) as update:
        for done in (1, 2, 3):
            update(done)
    assert [line.split(" after ")[0] for line in every.getvalue().splitlines()] == [
        "[bench] events out: 1/3 events", "[bench] events out: 2/3 events", "[bench] events out: 3/3 events"]


def test_a_count_on_a_terminal_is_a_redrawn_bar():
    out = Terminal()
    with counter("items sent", 4, "items", out=out) as update:
        for done in range(1, 5):
            update(done)
    assert "\r" in out.getvalue() and "[bench] items sent" in out.getvalue()
    assert "4/4" in out.getvalue()


def _refused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _connect(port: int) -> None:
    with pytest.raises(KafkaError):
        KafkaAdminClient(bootstrap_servers=f"127.0.0.1:{port}", bootstrap_timeout_ms=500)


def test_connection_refused_noise_is_dropped_only_while_the_broker_starts(caplog):
    port = _refused_port()
    caplog.set_level(logging.DEBUG, logger="kafka")
    with quiet_kafka_start():
        _connect(port)  # a real kafka-python client before anything listens
    during = [r for r in caplog.records if r.name.startswith("kafka")]
    assert not [r for r in during if "ECONNREFUSED" in r.getMessage()]
    assert any(r.levelno == logging.ERROR and "Bootstrap failed" in r.getMessage() for r in during)
    caplog.clear()
    _connect(port)  # after the start-up wait, refused connections are heard again
    assert any(r.levelno == logging.ERROR and "ECONNREFUSED" in r.getMessage() for r in caplog.records)


def test_waiting_for_services_says_so_and_names_one_that_exits(tmp_path, capsys):
    import subprocess
    import sys

    from strikewatch.bench.e2e_kafka import wait_ready

    # shaped like `python -m strikewatch.cli processor`: the fourth argument names the service
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stderr.write('no broker\\n'); sys.exit(3)",
                             "processor"], stderr=(tmp_path / "processor-0.log").open("w"))
    proc.wait(30)
    with pytest.raises(RuntimeError, match=r"processor exited with 3: no broker"):
        wait_ready([proc], [_refused_port()], tmp_path, timeout=30)
    assert "[bench] waiting for 1 processor to be ready (partitions assigned) ..." in capsys.readouterr().err
