"""The task and event-loop rules carry exactly the ids, names, severities and
categories of the rule contract (RULES.md), and each has its fixture folder."""

import pathlib

from aioskill_checker import check_source
from aioskill_checker.rules import family_of, rule_instances

FIXTURES = pathlib.Path(__file__).parent / "fixtures"

# Copied from the "Coroutines and tasks" and "Event loop management" tables of RULES.md.
CONTRACT = {
    "AIO110": ("sequential-await-in-loop", "suggestion", "TASKS", "tasks"),
    "AIO111": ("coroutine-not-awaited", "error", "TASKS", "tasks"),
    "AIO112": ("nested-event-loop", "error", "TASKS", "tasks"),
    "AIO113": ("dangling-task", "error", "TASKS", "tasks"),
    "AIO114": ("ensure-future-on-coroutine", "warning", "TASKS", "tasks"),
    "AIO115": ("gather-unhandled-errors", "suggestion", "TASKS", "tasks"),
    "AIO116": ("unbounded-fan-out", "suggestion", "TASKS", "tasks"),
    "AIO117": ("busy-wait", "warning", "BLOCKING", "tasks"),
    "AIO118": ("async-without-await", "suggestion", "TASKS", "tasks"),
    "AIO120": ("manual-loop-management", "warning", "LIFECYCLE", "loop"),
    "AIO121": ("get-event-loop-in-coroutine", "warning", "TASKS", "loop"),
}


def test_task_and_loop_rules_match_the_contract_table():
    found = {r.code: (r.name, r.severity, r.category, family_of(r))
             for r in rule_instances() if r.code in CONTRACT}
    assert found == CONTRACT


def test_every_task_and_loop_rule_has_fixtures():
    for code in CONTRACT:
        assert len(list((FIXTURES / code).glob("fire_*.py"))) >= 3, code
        assert len(list((FIXTURES / code).glob("near_*.py"))) >= 3, code


def test_loop_and_def_findings_span_only_the_header():
    src = ("import asyncio\n"
           "async def load(s, ids):\n"
           "    for i in ids:\n"
           "        await s.get(i)\n"
           "        print(i)\n"
           "async def nothing():\n"
           "    return 1\n")
    spans = {f["rule"]: (f["line"], f["col"], f["end_line"], f["end_col"]) for f in check_source(src)}
    assert spans["AIO110"] == (3, 4, 3, 16)
    assert spans["AIO118"] == (6, 0, 6, 17)


def test_messages_name_the_code():
    src = ("import asyncio\n"
           "async def job():\n"
           "    await asyncio.sleep(0)\n"
           "async def main():\n"
           "    asyncio.create_task(job())\n"
           "    job()\n"
           "    await asyncio.sleep(0)\n")
    messages = {f["rule"]: f["message"] for f in check_source(src)}
    assert "asyncio.create_task()" in messages["AIO113"] and "'main'" in messages["AIO113"]
    assert messages["AIO111"].startswith("job() is an async def")
