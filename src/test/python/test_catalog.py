"""Rule metadata and documentation: the contract of RULES.md, generated docs."""

import pytest

from aioskill_checker.catalog import entries
from aioskill_checker.rule import SECTIONS
from aioskill_checker.rules import rule_classes

# The blocking family and AIO000 exactly as /work/shared/RULES.md defines them.
CONTRACT = {
    "AIO000": ("syntax-error", "error", "SYNTAX"),
    "AIO100": ("blocking-sleep", "error", "BLOCKING"),
    "AIO101": ("blocking-http", "error", "BLOCKING"),
    "AIO102": ("blocking-file-io", "error", "BLOCKING"),
    "AIO103": ("blocking-subprocess", "error", "BLOCKING"),
    "AIO104": ("blocking-driver", "error", "BLOCKING"),
    "AIO105": ("blocking-input", "error", "BLOCKING"),
    "AIO106": ("blocking-wait", "warning", "BLOCKING"),
}


@pytest.mark.parametrize("code", sorted(CONTRACT))
def test_rule_metadata_matches_the_catalog_contract(code):
    [cls] = [c for c in rule_classes() if c.code == code]
    assert (cls.name, cls.severity, cls.category) == CONTRACT[code]


@pytest.mark.parametrize("cls", rule_classes(), ids=lambda c: c.code)
def test_every_rule_documents_all_sections_and_a_fix(cls):
    cls.validate()
    sections = cls.sections()
    assert list(sections) == list(SECTIONS)
    assert "Ch " in sections["Why is this bad?"], "name the book chapter in 'Why is this bad?'"
    assert "```python" in sections["Example"] and "```python" in sections["Use instead"]


def test_catalog_entries_carry_docs_for_every_rule():
    catalog = entries()
    assert [e["id"] for e in catalog] == [c.code for c in rule_classes()]
    for entry in catalog:
        for key in ("what", "why", "example", "use_instead", "not_flagged", "fix", "summary", "help_uri"):
            assert entry[key].strip(), (entry["id"], key)


def test_short_descriptions_are_short():
    for entry in entries():
        assert len(entry["summary"]) <= 120, f"{entry['id']}: shorten the first sentence of 'What it does'"
