"""Fixtures of the security tests: hypothesis profiles, producer settings with the guard on,
and a scripted local HTTP server (tests/producers/conftest.py) on any loopback address.

Hypothesis profiles: ``default`` (100 examples), ``ci`` (the same, derandomized, so a CI
failure reproduces) and ``fuzz`` (5,000 examples, for a long run by hand:
``HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest tests/security/test_fuzz.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from strikewatch.core.settings import ProducerSettings
from tests.producers.conftest import scripted  # noqa: F401  (the fixture, shared)

_common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=100, **_common)
settings.register_profile("ci", max_examples=100, derandomize=True, **_common)
settings.register_profile("fuzz", max_examples=5000, **_common)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture
def guarded(tmp_path: Path) -> ProducerSettings:
    """Producer settings as in production: private addresses refused, 1 s, 1 MB."""
    return ProducerSettings(
        allow_private_addresses=False,
        data_dir=tmp_path / "data",
        http_timeout_seconds=1,
        max_body_bytes=1_000_000,
        extract_workers=0,
        robots_txt=False,
        host_delay_seconds=0,
        feed_host_delay_seconds=0,
    )


@pytest.fixture
def local(guarded: ProducerSettings) -> ProducerSettings:
    """The same limits with loopback allowed, for hostile servers run by the test."""
    return guarded.model_copy(update={"allow_private_addresses": True})
