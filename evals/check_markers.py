"""Sanity check for the golden review inputs (examples/ and evals/golden/).

The inputs carry their expected findings as trailing `# expect: AIO1xx[, ...]`
comments. This script does not run any checker: it only verifies that the
markers are well formed, that every id exists in the rule catalog, that every
file parses with the interpreter running this script (except the files whose
only expectation is AIO000), and it prints how often each rule is expected to
fire, so coverage gaps are visible.

    /usr/bin/python3 evals/check_markers.py [--rules PATH/TO/RULES.md]

Exit status 0 when everything holds, 1 otherwise.
"""
import argparse
import collections
import pathlib
import re
import sys

MARKER = re.compile(rb"#\s*expect:\s*(.*?)\s*$")
MARKER_IDS = re.compile(r"^AIO\d{3}(\s*,\s*AIO\d{3})*$")
RULE_ROW = re.compile(r"^\|\s*(AIO\d{3})\s*\|")
SYNTAX_RULE = re.compile(r"`(AIO\d{3})\s+syntax-error`")
MIN_FIRING = 2

REPO = pathlib.Path(__file__).resolve().parents[1]


def catalog_ids(rules_path):
    """Rule ids declared in RULES.md: the table rows plus the syntax-error rule."""
    text = rules_path.read_text(encoding="utf-8")
    ids = set(SYNTAX_RULE.findall(text))
    for line in text.splitlines():
        row = RULE_ROW.match(line)
        if row:
            ids.add(row.group(1))
    return ids


def markers(path):
    """(line, [ids]) for every marker; read as bytes so undecodable files work too."""
    found = []
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        match = MARKER.search(raw)
        if match:
            found.append((number, match.group(1).decode("ascii", "replace")))
    return found


def default_rules():
    for candidate in (REPO / "RULES.md", REPO / "docs" / "RULES.md", REPO.parent / "shared" / "RULES.md"):
        if candidate.is_file():
            return candidate
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=pathlib.Path, default=default_rules(),
                        help="the rule catalog (default: RULES.md in the repo, docs/ or ../shared/)")
    args = parser.parse_args(argv)
    if args.rules is None or not args.rules.is_file():
        print("RULES.md not found; pass --rules PATH/TO/RULES.md", file=sys.stderr)
        return 1
    known = catalog_ids(args.rules)
    files = sorted((REPO / "examples").glob("*.py")) + sorted((REPO / "evals" / "golden").glob("*.py"))
    files = [f for f in files if f.name != pathlib.Path(__file__).name]
    problems = []
    golden_counts = collections.Counter()
    example_counts = collections.Counter()
    per_file = []
    for path in files:
        rel = path.relative_to(REPO)
        ids_in_file = []
        for line, text in markers(path):
            if not MARKER_IDS.match(text):
                problems.append(f"{rel}:{line}: malformed marker {text!r}")
                continue
            ids = [part.strip() for part in text.split(",")]
            if len(set(ids)) != len(ids):
                problems.append(f"{rel}:{line}: an id is repeated in {text!r}")
            for rule in ids:
                if rule not in known:
                    problems.append(f"{rel}:{line}: {rule} is not in {args.rules}")
            ids_in_file.extend(ids)
        counts = example_counts if rel.parts[0] == "examples" else golden_counts
        counts.update(ids_in_file)
        expects_syntax_error = ids_in_file == ["AIO000"]
        if "AIO000" in ids_in_file and not expects_syntax_error:
            problems.append(f"{rel}: AIO000 must be the only expectation of its file")
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
            if expects_syntax_error:
                problems.append(f"{rel}: expects AIO000 but compiles")
        except SyntaxError as error:
            if not expects_syntax_error:
                problems.append(f"{rel}:{error.lineno}: does not compile: {error.msg}")
            elif markers(path)[0][0] != error.lineno:
                problems.append(f"{rel}: AIO000 marker on line {markers(path)[0][0]}, "
                                f"parser reports line {error.lineno}")
        lines = len(path.read_bytes().splitlines())
        per_file.append((str(rel), lines, len(ids_in_file)))

    print(f"{'file':48} {'lines':>5} {'expected':>8}")
    for name, lines, count in per_file:
        print(f"{name:48} {lines:>5} {count:>8}")
    print()
    print(f"{'rule':8} {'golden':>6} {'examples':>8} {'total':>5}")
    for rule in sorted(known):
        total = golden_counts[rule] + example_counts[rule]
        print(f"{rule:8} {golden_counts[rule]:>6} {example_counts[rule]:>8} {total:>5}")
        if golden_counts[rule] < MIN_FIRING:
            problems.append(f"{rule}: only {golden_counts[rule]} firing marker(s) in evals/golden, want {MIN_FIRING}")
    print(f"{'all':8} {sum(golden_counts.values()):>6} {sum(example_counts.values()):>8} "
          f"{sum(golden_counts.values()) + sum(example_counts.values()):>5}")
    print()
    for problem in problems:
        print("PROBLEM", problem)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
