"""AIO140's flow question on real handler bodies: can the handler finish without raising?"""

import ast
import textwrap

import pytest

from aioskill_checker.rules.cancellation import handler_swallows


def body(src):
    return ast.parse(textwrap.dedent(src)).body


@pytest.mark.parametrize("src", [
    "raise",
    "log()\nraise",
    "if x:\n    raise\nelse:\n    raise Other() from None",
    "try:\n    cleanup()\nfinally:\n    log()\nraise",
    "with lock:\n    raise",
    "try:\n    cleanup()\nexcept OSError:\n    raise\nelse:\n    raise",
    "for t in ts:\n    t.cancel()\nraise",
    "while True:\n    break\nraise",
    "try:\n    cleanup()\nexcept OSError:\n    pass\nraise",
])
def test_every_path_raises(src):
    assert handler_swallows(body(src)) is False


@pytest.mark.parametrize("src", [
    "pass",
    "return None",
    "if x:\n    raise",
    "if x:\n    return 1\nraise",
    "try:\n    raise\nexcept Exception:\n    pass",
    "for t in ts:\n    return t\nraise",
    "match x:\n    case 1:\n        raise",
    "continue",
    "break",
])
def test_some_path_finishes_without_raising(src):
    assert handler_swallows(body(src)) is True
