"""Every fixture under fixtures/<RULE>/ is checked against its `# expect:` markers.

`fire_*.py` files mark each expected finding with a trailing
`# expect: AIO100` (several ids comma-separated) on the reported line.
The assertion is exact for the rules a file is about: the folder's rule and
every rule named in its markers. Findings of unrelated rule families are
ignored, so adding a family never breaks another family's fixtures.
`near_*.py` files are near misses: they must produce nothing for the
folder's rule (and exactly their markers for any rule they do mark).
"""

import pathlib
import re

import pytest

from aioskill_checker import check_bytes
from aioskill_checker.rules import rule_classes

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")
FILES = sorted(p for p in FIXTURES.glob("AIO*/*.py"))


def expected_markers(path: pathlib.Path) -> set:
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            for code in match.group(1).replace(" ", "").split(","):
                if code:
                    found.add((code, number))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_findings_match_expect_markers(path):
    folder_rule = path.parent.name
    expected = expected_markers(path)
    relevant = {folder_rule} | {code for code, _ in expected}
    actual = {(f["rule"], f["line"]) for f in check_bytes(path.read_bytes(), str(path))
              if f["rule"] in relevant}
    if path.name.startswith("fire_"):
        assert any(code == folder_rule for code, _ in expected), "a fire_ file must expect its folder's rule"
    else:
        assert path.name.startswith("near_"), "fixture files are named fire_*.py or near_*.py"
        assert not any(code == folder_rule for code, _ in expected), "a near miss must not expect its rule"
    assert actual == expected


def test_every_rule_with_fixtures_has_three_fire_and_three_near_files():
    codes = {cls.code for cls in rule_classes()}
    for folder in sorted(p for p in FIXTURES.glob("AIO*") if p.is_dir()):
        assert folder.name in codes, f"fixture folder {folder.name} names no registered rule"
        assert len(list(folder.glob("fire_*.py"))) >= 3, folder.name
        assert len(list(folder.glob("near_*.py"))) >= 3, folder.name


def test_every_blocking_rule_has_fixtures():
    for code in ("AIO100", "AIO101", "AIO102", "AIO103", "AIO104", "AIO105", "AIO106"):
        assert (FIXTURES / code).is_dir(), code
