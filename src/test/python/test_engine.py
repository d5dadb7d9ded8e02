"""Engine behaviour: noqa, ordering, de-duplication and AIO000 for any bad input."""

import codecs

import pytest

from aioskill_checker import Checker, check_bytes, check_source

SLEEPY = "import time\nasync def fetch():\n    time.sleep(1){comment}\n    await g()\n"


def rules_at(findings):
    return [(f["rule"], f["line"]) for f in findings]


@pytest.mark.parametrize("comment, silenced", [
    ("", False),
    ("  # noqa", True),
    ("  # NOQA", True),
    ("  # noqa: AIO100", True),
    ("  # noqa:AIO100", True),
    ("  # noqa: AIO101,AIO100", True),
    ("  # noqa: AIO101, AIO100", True),
    ("  # noqa: AIO1", True),
    ("  # noqa: E501", False),
    ("  # noqa: AIO101", False),
    ("  # some comment", False),
])
def test_noqa_follows_flake8_semantics(comment, silenced):
    findings = check_source(SLEEPY.format(comment=comment))
    assert rules_at(findings) == ([] if silenced else [("AIO100", 3)])


def test_noqa_only_applies_to_the_reported_line():
    src = "import time\nasync def fetch():  # noqa\n    time.sleep(1)\n    await g()\n"
    assert rules_at(check_source(src)) == [("AIO100", 3)]


def test_findings_are_sorted_and_reported_once_per_rule_and_line():
    src = ("import time, subprocess\nasync def f():\n"
           "    subprocess.run('x'); time.sleep(1); time.sleep(2)\n"
           "    time.sleep(3)\n    await g()\n")
    findings = check_source(src)
    assert rules_at(findings) == [("AIO103", 3), ("AIO100", 3), ("AIO100", 4)]
    assert findings[1]["col"] < findings[0]["col"] or findings[0]["col"] == 4


def test_finding_has_exactly_the_contract_keys_and_a_specific_message():
    [finding] = check_source(SLEEPY.format(comment=""), "app.py")
    assert set(finding) == {"rule", "name", "severity", "category", "path", "line", "col",
                            "end_line", "end_col", "message", "chapter", "fix"}
    assert finding["message"] == "time.sleep() blocks the event loop inside coroutine 'fetch'"
    assert (finding["path"], finding["line"], finding["col"], finding["end_line"], finding["end_col"]) == \
        ("app.py", 3, 4, 3, 17)
    assert (finding["severity"], finding["category"], finding["chapter"]) == ("error", "BLOCKING", "Ch 2-3")


def test_select_and_ignore_by_id_prefix_and_name():
    src = "import time, subprocess\nasync def f():\n    time.sleep(1)\n    subprocess.run('x')\n    await g()\n"
    assert rules_at(Checker(select=["AIO100"]).check_source(src)) == [("AIO100", 3)]
    assert rules_at(Checker(ignore=["blocking-sleep"]).check_source(src)) == [("AIO103", 4)]
    assert rules_at(Checker(select=["AIO1"], ignore=["AIO10"]).check_source(src)) == []


def syntax(findings):
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding["rule"], finding["name"], finding["severity"], finding["category"]) == \
        ("AIO000", "syntax-error", "error", "SYNTAX")
    return finding


def test_syntax_error_is_reported_at_the_parser_line():
    finding = syntax(check_source("x = 1\n\ndef broken(:\n    pass\n"))
    assert finding["line"] == 3
    assert "SyntaxError" in finding["message"]


def test_python2_code_is_a_syntax_finding():
    finding = syntax(check_source('import os\nprint "hello"\n'))
    assert finding["line"] == 2


def test_newer_syntax_than_the_interpreter_is_a_syntax_finding_naming_the_version():
    import sys
    if sys.version_info >= (3, 12):
        pytest.skip("PEP 695 parses on this interpreter")
    finding = syntax(check_source("type Alias = int\n"))
    assert "3.11" in finding["message"]


def test_undecodable_bytes_give_a_syntax_finding_at_their_line():
    finding = syntax(check_bytes(b"x = 1\ny = 2\nname = '\xff\xfe'\n"))
    assert finding["line"] == 3
    assert "decode" in finding["message"]


def test_bad_coding_cookie_is_a_syntax_finding():
    finding = syntax(check_bytes(b"# -*- coding: no-such-codec -*-\nx = 1\n"))
    assert finding["line"] == 1


def test_coding_cookie_decodes_like_python():
    data = "# -*- coding: cp1252 -*-\nimport time\nasync def caf\u00e9():\n    time.sleep(1)\n    await g()\n".encode("cp1252")
    findings = check_bytes(data)
    assert rules_at(findings) == [("AIO100", 4)]
    assert "caf\u00e9" in findings[0]["message"]


def test_utf8_bom_is_accepted():
    data = codecs.BOM_UTF8 + b"import time\nasync def f():\n    time.sleep(1)\n    await g()\n"
    assert rules_at(check_bytes(data)) == [("AIO100", 3)]


def test_nul_byte_is_a_syntax_finding_at_its_line():
    finding = syntax(check_bytes(b"x = 1\ny = '\x00'\n"))
    assert finding["line"] == 2
    finding = syntax(check_source("x = 1\n\x00\n"))
    assert finding["line"] == 2


@pytest.mark.parametrize("source", ["", "\n", "# only a comment\n", "\n\n   \n"])
def test_empty_sources_are_clean(source):
    assert check_source(source) == []
    assert check_bytes(source.encode()) == []


def test_deeply_nested_parentheses_are_a_syntax_finding():
    syntax(check_source("x = " + "(" * 1000 + "1" + ")" * 1000 + "\n"))


def test_deeply_nested_expression_is_a_finding_not_a_crash():
    findings = check_source("x = " + "-" * 200000 + "1\n")
    assert findings == [] or syntax(findings)


def test_deeply_nested_blocks_are_a_finding_not_a_crash():
    lines = []
    for depth in range(120):
        lines.append("    " * depth + "if x:")
    lines.append("    " * 120 + "pass")
    syntax(check_source("\n".join(lines) + "\n"))


def test_five_megabyte_file_is_checked():
    chunk = "async def f{n}():\n    time.sleep(1)\n    await g()\n\n"
    parts, size, n = ["import time\n"], 0, 0
    while size < 5 * 1024 * 1024:
        part = chunk.format(n=n)
        parts.append(part)
        size += len(part)
        n += 1
    findings = check_source("".join(parts))
    assert len(findings) == n
    assert findings[-1]["line"] == 1 + 4 * (n - 1) + 2


def test_profiled_checker_times_each_rule_family():
    checker = Checker(profile=True)
    assert rules_at(checker.check_source(SLEEPY.format(comment=""))) == [("AIO100", 3)]
    assert set(checker.timings) >= {"blocking"}
    assert checker.timings["blocking"] > 0


def test_a_failing_rule_raises_a_typed_error_not_a_silent_clean_result():
    from aioskill_checker import CheckerInternalError
    from aioskill_checker.walk import build_table

    class Broken:
        code = "AIO999"

        def visit_Call(self, node, ctx):
            raise KeyError("boom")

    checker = Checker()
    checker._table = build_table([Broken()])
    with pytest.raises(CheckerInternalError, match="KeyError"):
        checker.check_source("f()\n", "x.py")


def test_routed_call_hooks_match_names_prefixes_and_methods():
    from aioskill_checker.semantic import Context
    from aioskill_checker.walk import build_table, walk
    import ast

    class Router:
        calls = frozenset({"json.loads"})
        call_prefixes = ("os.spawn",)
        methods = frozenset({"acquire"})

        def __init__(self):
            self.seen = []

        def check_call(self, node, ctx, name):
            self.seen.append((node.lineno, name))

        def check_method_call(self, node, ctx, method):
            self.seen.append((node.lineno, "." + method))

    src = "import json as j, os\nj.loads('1')\nos.spawnv(0, 'x', [])\nx.acquire()\njson = 1\njson.loads('2')\n"
    tree = ast.parse(src)
    router = Router()
    walk(tree, Context("t.py", tree, src), build_table([router]))
    assert router.seen == [(2, "json.loads"), (3, "os.spawnv"), (4, ".acquire")]


def test_syntax_errors_are_reported_under_any_select_unless_ignored():
    assert rules_at(Checker(select=["AIO105"]).check_source("def f(:\n")) == [("AIO000", 1)]
    assert Checker(ignore=["AIO000"]).check_source("def f(:\n") == []
