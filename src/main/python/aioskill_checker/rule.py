"""Rule units: metadata, documentation sections and the registry contract.

A rule is a subclass of :class:`Rule` with class attributes for its metadata
and methods named after the events it wants:

* ``visit_<NodeClass>(self, node, ctx)``: called by the one shared walk for
  every node of that ``ast`` class (``visit_Call``, ``visit_With``,
  ``visit_ExceptHandler``...). The node is visited before its children.
* ``check_call(self, node, ctx, name)`` with ``calls = frozenset({...})``
  (and/or ``call_prefixes = ("os.spawn",)``): called only for ``Call`` nodes
  whose import-resolved callee is one of those names. Cheaper than
  ``visit_Call`` for name-based rules: the callee is resolved once per call
  and routed by dict lookup.
* ``check_method_call(self, node, ctx, method)`` with ``methods =
  frozenset({"acquire", ...})``: called for ``x.<method>(...)`` calls with any
  receiver (the rule then checks the receiver, e.g. ``ctx.origin_name``).
* ``leave_function(self, scope, ctx)``: called once the body of a ``def``,
  ``async def`` or ``lambda`` has been fully visited; ``scope`` is the
  :class:`aioskill_checker.semantic.Scope` with the facts collected there
  (``statements``, ``calls``, ``awaits``...). ``ctx`` still answers as if the
  walk were inside that function.
* ``leave_module(self, module, ctx)``: called once after the whole walk.

``ctx`` is the :class:`aioskill_checker.semantic.Context`; report with
``ctx.report(self, node, message)``.

The class docstring is the rule's documentation and must hold these sections,
each opened by a ``## `` heading line, in this order: "What it does",
"Why is this bad?", "Example", "Use instead", "Not flagged". The catalog
(``--rules``), SARIF help and docs are generated from it.
"""

from __future__ import annotations

import inspect
import re
import sys

ERROR = "error"
WARNING = "warning"
SUGGESTION = "suggestion"
SEVERITIES = (ERROR, WARNING, SUGGESTION)

CATEGORIES = ("CONCURRENCY", "TASKS", "RESOURCES", "LIFECYCLE", "BLOCKING", "LIBRARY", "SYNTAX")

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Not flagged")

_ID = re.compile(r"AIO\d{3}")
_NAME = re.compile(r"[a-z][a-z0-9-]*")
_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


class RuleDefinitionError(Exception):
    """A rule class is missing metadata or documentation; fix the rule module."""


class Rule:
    """Base class of every rule; see the module docstring for the contract."""

    code: str = ""
    name: str = ""
    severity: str = ""
    category: str = ""
    chapter: str = ""
    fix: str = ""
    calls: frozenset = frozenset()
    call_prefixes: tuple = ()
    methods: frozenset = frozenset()

    def __repr__(self) -> str:
        return f"<rule {self.code} {self.name}>"

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring split into its five sections (heading -> text)."""
        if sys.flags.optimize >= 2 and not cls.__doc__:
            # python -OO strips docstrings: keep checking, with a pointer to the docs
            return {s: f"(documentation stripped by python -OO; see {cls.code})" for s in SECTIONS}
        return parse_sections(inspect.getdoc(cls) or "", cls.__name__)

    @classmethod
    def summary(cls) -> str:
        """First sentence of "What it does", used as the short description."""
        text = " ".join(cls.sections()["What it does"].split())
        cut = text.find(". ")
        return text if cut < 0 else text[: cut + 1]

    @classmethod
    def validate(cls) -> None:
        """Raise RuleDefinitionError when metadata or docs break the contract."""
        where = f"rule class {cls.__module__}.{cls.__name__}"
        if not _ID.fullmatch(cls.code or ""):
            raise RuleDefinitionError(f"{where}: code must look like AIO123, got {cls.code!r}")
        if not _NAME.fullmatch(cls.name or ""):
            raise RuleDefinitionError(f"{where}: name must be kebab-case, got {cls.name!r}")
        if cls.severity not in SEVERITIES:
            raise RuleDefinitionError(f"{where}: severity must be one of {SEVERITIES}")
        if cls.category not in CATEGORIES:
            raise RuleDefinitionError(f"{where}: category must be one of {CATEGORIES}")
        if not cls.chapter.startswith("Ch "):
            raise RuleDefinitionError(f"{where}: chapter must look like 'Ch 2-3'")
        if not cls.fix.strip():
            raise RuleDefinitionError(f"{where}: fix text is empty")
        cls.sections()


def parse_sections(doc: str, owner: str = "rule") -> dict[str, str]:
    """Split a rule docstring into its ``## `` sections, checking all are present."""
    headings = list(_HEADING.finditer(doc))
    found: dict[str, str] = {}
    for i, match in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(doc)
        found[match.group(1)] = doc[match.end():end].strip("\n").rstrip()
    missing = [s for s in SECTIONS if not found.get(s, "").strip()]
    if missing:
        raise RuleDefinitionError(f"{owner}: docstring lacks section(s) {missing}; "
                                  f"write each as a '## <heading>' line followed by text")
    return {s: found[s] for s in SECTIONS}
