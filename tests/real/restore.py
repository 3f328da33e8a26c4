#!/usr/bin/env python3
"""Restore the real set's texts on a new machine (see README.md, "Restoring the texts").

The texts are excerpts of stored web pages, returned by a search over that store
for the query each row of sources.tsv records. A search answer is JSON, so the
excerpt is easiest to copy out as the JSON string literal it is in the answer
(escapes kept); this script turns such a copy back into the file and checks it.

    python3 tests/real/restore.py plan N DIR
        Split the rows by query into N lists (DIR/groupK.tsv: query, file, url,
        bytes, sha256), balanced by number of files, for people or helpers
        working in parallel. Rows already restored are left out.

    python3 tests/real/restore.py put FILE COPY
        COPY holds the excerpt of FILE's row as a JSON string literal (or as
        plain text). Decode it, check size and SHA-256 against sources.tsv and,
        when they match, write texts/FILE. A copy that is short only by
        no-break spaces (U+00A0 shown as plain spaces, one byte short each), or
        only by blank lines shown as single line breaks, or long only by
        single line breaks shown as blank lines, or both short by no-break
        spaces and long by a break or two shown as blank lines, is repaired
        where the hash allows. Prints OK or MISMATCH; exit status 1 on
        a mismatch.

    python3 tests/real/restore.py status
        Count the texts present and list those missing or differing from their
        recorded size and hash.
"""

import csv
import hashlib
import itertools
import math
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
NBSP = "\u00a0"
# How many placements of no-break spaces are tried before giving up.
MAX_TRIES = 400_000


def rows():
    with open(HERE / "sources.tsv", encoding="utf-8", newline="") as f:
        r = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return list(r)


def sha(b):
    return hashlib.sha256(b).hexdigest()


def restored(row):
    p = TEXTS / row["file"]
    if not p.exists():
        return False
    b = p.read_bytes()
    return len(b) == int(row["bytes"]) and sha(b) == row["sha256"]


def candidate_classes(text):
    """Spaces that are often no-break spaces in scraped pages, by kind: alone
    on a line, ending a line, opening a line, in runs of two or more (all of
    the run, or all but its last), after a full stop."""
    alone, ends, starts, run_all, run_but_last, after_stop = [], [], [], [], [], []
    n = len(text)
    i = 0
    while i < n:
        if text[i] != " ":
            i += 1
            continue
        j = i
        while j < n and text[j] == " ":
            j += 1
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[j] if j < n else "\n"
        run = list(range(i, j))
        if prev == "\n" and nxt == "\n":
            alone += run
        elif nxt == "\n":
            ends += run
        elif prev == "\n":
            starts += run
        elif len(run) >= 2:
            run_all += run
            run_but_last += run[:-1]
        elif prev in ".:;":
            after_stop += run
        i = j
    return [alone, ends, starts, run_all, run_but_last, after_stop]


def class_repairs(classes, missing):
    """Places of `missing` plain spaces to make no-break spaces, by whole
    kinds of `candidate_classes` at once (a page writes all its blank lines
    the same way)."""
    for k in range(1, len(classes) + 1):
        for pick in itertools.combinations(classes, k):
            pos = [i for c in pick for i in c]
            if len(pos) == missing:
                yield pos


def repairs(text, missing):
    """Texts with `missing` plain spaces made no-break spaces, likeliest first."""
    classes = candidate_classes(text)
    yield from class_repairs(classes, missing)
    # Any spaces next to another space or a line break, then any space.
    near = sorted(set(i for c in classes[:4] for i in c))
    every = [i for i, c in enumerate(text) if c == " "]
    tries = 0
    for pool in (near, every):
        for pos in itertools.combinations(pool, missing):
            tries += 1
            if tries > MAX_TRIES:
                return
            yield list(pos)


def choices(places, k):
    """Sets of `k` of `places` to try, likeliest first: the first ones, the
    last ones, then any, while the choices stay few."""
    if k > len(places):
        return
    yield places[:k]
    yield places[len(places) - k :]
    if math.comb(len(places), k) <= MAX_TRIES:
        yield from (list(p) for p in itertools.combinations(places, k))


def newline_repairs(text, missing):
    """Texts with `missing` single line breaks made blank lines (a page that
    separates some paragraphs by a blank line shown as one break)."""
    single = [
        i
        for i, c in enumerate(text)
        if c == "\n"
        and (i == 0 or text[i - 1] != "\n")
        and (i + 1 == len(text) or text[i + 1] != "\n")
    ]
    yield from choices(single, missing)


def blank_line_repairs(text, extra):
    """Texts with `extra` blank lines made single line breaks (a store that
    now shows a paragraph break as a blank line where the recorded page had
    one break). Positions are those of the first break of each blank line."""
    blank = [
        i
        for i in range(len(text) - 1)
        if text[i] == "\n"
        and text[i + 1] == "\n"
        and (i == 0 or text[i - 1] != "\n")
        and (i + 2 == len(text) or text[i + 2] != "\n")
    ]
    yield from choices(blank, extra)


def replaced(text, pos, s):
    """`text` with the characters at `pos` replaced by `s`."""
    chars = list(text)
    for i in pos:
        chars[i] = s
    return "".join(chars)


def without(text, pos):
    """`text` with the characters at `pos` left out."""
    drop = set(pos)
    return "".join(c for i, c in enumerate(text) if i not in drop)


def candidates(text, missing):
    """The copy as it is and repaired copies of it, each with what was
    repaired, likeliest first: for a copy `missing` bytes short, blank lines
    shown as single line breaks, then no-break spaces shown as plain ones;
    then both no-break spaces shown as plain ones and a break or two shown as
    blank lines (the spaces tried by whole kinds only); for a copy a few
    bytes long, single line breaks shown as blank lines."""
    yield text, None
    yield text.rstrip("\n"), None
    if 0 < missing <= 40:
        for pos in newline_repairs(text, missing):
            yield replaced(text, pos, "\n\n"), f"{missing} line breaks were blank lines"
        for pos in repairs(text, missing):
            yield replaced(text, pos, NBSP), f"{missing} plain spaces were no-break spaces"
    for extra in (1, 2):
        if not 0 < missing + extra <= 40:
            continue
        for pos in blank_line_repairs(text, extra):
            shorter = without(text, pos)
            for spaces in class_repairs(candidate_classes(shorter), missing + extra):
                yield replaced(shorter, spaces, NBSP), (
                    f"{missing + extra} plain spaces were no-break spaces, "
                    f"{extra} blank line(s) were single line breaks"
                )
    if 0 < -missing <= 4:
        for pos in blank_line_repairs(text, -missing):
            yield without(text, pos), f"{-missing} blank line(s) were single line breaks"


def put(name, copy):
    row = next((r for r in rows() if r["file"] == name), None)
    if row is None:
        print(f"{name}: no such file in sources.tsv")
        return 1
    size, want = int(row["bytes"]), row["sha256"]
    raw = Path(copy).read_text(encoding="utf-8")
    try:
        text = json.loads(raw.strip())
        if not isinstance(text, str):
            raise ValueError("not a string")
    except ValueError:
        text = raw
    b = text.encode("utf-8")
    for fixed, what in candidates(text, size - len(b)):
        fb = fixed.encode("utf-8")
        if sha(fb) == want:
            (TEXTS / name).write_bytes(fb)
            print(f"{name}: OK ({what})" if what else f"{name}: OK")
            return 0
    print(f"{name}: MISMATCH: {len(b)} bytes against {size}; sha256 {sha(b)[:12]} against {want[:12]}")
    return 1


def plan(n, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    by_query = {}
    for r in rows():
        if not restored(r):
            by_query.setdefault(r["query"], []).append(r)
    groups = [[] for _ in range(n)]
    load = [0] * n
    for q, rs in sorted(by_query.items(), key=lambda x: (-len(x[1]), x[1][0]["file"])):
        k = load.index(min(load))
        groups[k].append((q, rs))
        load[k] += len(rs)
    for k, g in enumerate(groups, 1):
        with open(out / f"group{k}.tsv", "w", encoding="utf-8") as f:
            f.write("query\tfile\turl\tbytes\tsha256\n")
            for q, rs in sorted(g, key=lambda x: x[1][0]["file"]):
                for r in rs:
                    f.write(f"{q}\t{r['file']}\t{r['url']}\t{r['bytes']}\t{r['sha256']}\n")
    print(f"{sum(load)} files in {len(by_query)} queries, {n} lists in {out}")
    return 0


def status():
    rs = rows()
    bad = [r["file"] for r in rs if not restored(r)]
    print(f"{len(rs) - len(bad)} of {len(rs)} texts restored")
    for f in bad:
        state = "differs" if (TEXTS / f).exists() else "missing"
        print(f"  {f}: {state}")
    return 1 if bad else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "plan":
        return plan(int(argv[2]), argv[3])
    if len(argv) == 4 and argv[1] == "put":
        return put(argv[2], argv[3])
    if len(argv) == 2 and argv[1] == "status":
        return status()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
