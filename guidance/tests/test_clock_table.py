"""docs/rulebooks.md shows every clock of every rulebook with its source, as the rules say."""

from pathlib import Path

from guidance.rulebooks import RULEBOOKS
from guidance.rulebooks.table import clock_table

PAGE = Path(__file__).resolve().parents[2] / "docs" / "rulebooks.md"


def test_the_page_holds_the_table_the_rules_print():
    assert clock_table() in PAGE.read_text(), (
        "docs/rulebooks.md is out of date: paste `python -m guidance.rulebooks.table` into it"
    )


def test_every_clock_of_every_rulebook_is_a_row_with_its_source():
    table = clock_table()
    for key, rulebook in RULEBOOKS.items():
        for clock in rulebook.clocks:
            assert f"| `{key}` | `{clock.code}`" in table
            assert clock.source in table
