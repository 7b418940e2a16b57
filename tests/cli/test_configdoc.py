from pathlib import Path

from strikewatch.configdoc import render

PAGE = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_configuration_page_is_generated_from_the_settings():
    assert PAGE.read_text() == render(), (
        "docs/configuration.md is stale: run `python -m strikewatch.configdoc > docs/configuration.md`"
    )


def test_every_setting_is_described():
    text = render()
    undocumented = [line for line in text.splitlines() if line.startswith("| `STRIKEWATCH_") and line.endswith("|  |")]
    assert undocumented == []
