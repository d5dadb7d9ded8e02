"""AIO000: the file cannot be decoded or parsed (reported by the engine)."""

from ..rule import ERROR, Rule


class SyntaxErrorRule(Rule):
    """
    ## What it does
    Reports a file that Python cannot decode or parse. Causes: bytes that do
    not decode with the file's declared (PEP 263) or default UTF-8 encoding, NUL bytes, syntax
    errors (including Python 2 code and syntax newer than the interpreter
    running the checker), or nesting too deep for the parser.

    ## Why is this bad?
    Code that does not parse never runs, and no other rule can look at it
    (Ch 2-3: the event loop only ever runs code the interpreter accepted).
    The finding sits at the line the decoder or parser names.

    ## Example
    ```python
    async def fetch(url)
        return await get(url)
    ```

    ## Use instead
    ```python
    async def fetch(url):
        return await get(url)
    ```

    ## Not flagged
    Syntax that the running interpreter accepts. The checker parses with the
    Python that runs it (3.11 here): on 3.11, 3.12+ syntax such as
    `type Alias = int` or PEP 695 generics is reported as AIO000.
    """

    code = "AIO000"
    name = "syntax-error"
    severity = ERROR
    category = "SYNTAX"
    chapter = "Ch 2-3"
    fix = ("Fix the syntax or encoding error at the reported line; save the file as UTF-8 "
           "or declare its encoding with a PEP 263 comment; run the checker on the Python "
           "version the code targets.")
