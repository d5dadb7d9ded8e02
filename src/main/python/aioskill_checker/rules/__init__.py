"""The rule registry: one module per rule family, listed once in FAMILIES.

Every :class:`aioskill_checker.rule.Rule` subclass defined in a listed module
is registered (see rules/README.md). Rules are validated when first loaded,
so a rule with missing metadata or docstring sections fails every test.
"""

from __future__ import annotations

import inspect

from ..rule import Rule
from . import blocking, cancellation, lifecycle, loop, resources, syntax, tasks, timeouts

# Add a new family module here (and nowhere else).
FAMILIES = [syntax, blocking, tasks, loop, timeouts, cancellation, resources, lifecycle]

_INSTANCES: list[Rule] | None = None
_FAMILY: dict[str, str] = {}


def rule_classes() -> list[type[Rule]]:
    """Every registered rule class, sorted by id."""
    found = []
    for family in FAMILIES:
        for _, cls in inspect.getmembers(family, inspect.isclass):
            if issubclass(cls, Rule) and cls is not Rule and cls.__module__ == family.__name__:
                found.append(cls)
                _FAMILY[cls.code] = family.__name__.rsplit(".", 1)[-1]
    found.sort(key=lambda c: c.code)
    codes = [c.code for c in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ValueError(f"rule ids registered twice: {sorted(duplicates)}")
    return found


def rule_instances() -> list[Rule]:
    """One shared, stateless instance per rule, validated once."""
    global _INSTANCES
    if _INSTANCES is None:
        classes = rule_classes()
        for cls in classes:
            cls.validate()
        _INSTANCES = [cls() for cls in classes]
    return _INSTANCES


def family_of(rule: Rule) -> str:
    """Family (module) name of a rule, e.g. ``'blocking'``."""
    if not _FAMILY:
        rule_classes()
    return _FAMILY[rule.code]
