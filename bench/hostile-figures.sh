#!/usr/bin/env bash
# Time per MB and peak memory of the hostile cases against ordinary news text,
# one worker thread, with /usr/bin/time -v. The figures in RELIABILITY.md come
# from this script. Usage: bench/hostile-figures.sh [--big]   (--big adds the
# 200 MB article and 100,000 tiny files). Needs ../shared/news for the baseline.
# Extraction only (--no-report); WITH_REPORT=1 times the HTML report as well.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -q
BIN=$PWD/target/release/pressmine
RULES=$PWD/rules
NEWS=${NEWS:-../shared/news}
WORK=$(mktemp -d)
REPORT=--no-report
[ -n "${WITH_REPORT:-}" ] && REPORT=
trap 'rm -rf "$WORK"' EXIT

# measure NAME INPUT [extra args]: prints name, MB, seconds, s/MB, peak MB.
measure() {
  local name=$1 input=$2; shift 2
  local bytes
  bytes=$(du -sb --apparent-size "$input" | cut -f1)
  rm -rf "$WORK/out"
  /usr/bin/time -v "$BIN" run "$input" --out "$WORK/out" --rules "$RULES" --threads 1 --full $REPORT "$@" \
    2> "$WORK/time.txt" > /dev/null
  local secs kb
  secs=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk -F': ' '{print $2}' \
    | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  kb=$(grep "Maximum resident set size" "$WORK/time.txt" | awk -F': ' '{print $2}')
  awk -v n="$name" -v b="$bytes" -v s="$secs" -v k="$kb" \
    'BEGIN { printf "%-44s %8.1f MB %8.2f s %7.3f s/MB %7.0f MB peak\n", n, b/1e6, s, s/(b/1e6), k/1024 }'
}

# gen KIND MB FILE: one generated article (headline, blank line, body).
gen() {
  python3 - "$1" "$2" "$3" "$RULES/../corpus" <<'PY'
import glob, sys
kind, mb, out, corpus = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
n = int(mb * 1e6)
text = "\n\n".join(open(p, encoding="utf-8").read()
                   for p in sorted(glob.glob(corpus + "/**/*.txt", recursive=True)))
units = {
    "straight": '"', "curly": "\u201c", "opening": ' "a', "single": "' ",
    "mixed": "\"a\" 'b c d' ",
    "nested": "\u201cHe said \u2018we were told \u201cno\u201d by them\u2019 and left. ",
    "nosent": text.replace(".", " ").replace("!", " ").replace("?", " ").replace("\n", " "),
    "themes": "the inspectors found that care was good and safeguarding was weak and ",
    "corpus": text,
}
u = units[kind].encode()
body = (u * (n // len(u) + 1))[:n].decode("utf-8", "ignore")
open(out, "w", encoding="utf-8").write("Headline\n\n" + body)
PY
}

one() { mkdir -p "$WORK/$1"; gen "$2" "$3" "$WORK/$1/a.txt"; measure "$4" "$WORK/$1"; rm -rf "${WORK:?}/$1"; }

echo "== baseline"
measure "news: $(ls "$NEWS" | wc -l) ordinary articles" "$NEWS"
mkdir -p "$WORK/newsone"; cat "$NEWS"/*.txt > "$WORK/newsone/a.txt"
measure "news: all articles as one article" "$WORK/newsone"; rm -rf "$WORK/newsone"
echo "== hostile"
one s straight 1 "1M straight quote marks"
one c curly 3 "1M curly quote marks (3 MB)"
one o opening 3 "1M opening quote marks (' \"a')"
one q single 2 "1M single quote marks"
one m mixed 4 "mixed double/single quotes, 4 MB"
one n nested 4 "nested attributed quotes, 4 MB"
one x nosent 10 "10 MB corpus text without a sentence end"
one t themes 10 "10 MB of theme terms and cues, one sentence"
one k corpus 10 "10 MB corpus text as one article"
if [[ ${1:-} == --big ]]; then
  mkdir -p "$WORK/huge"; gen corpus 200 "$WORK/huge/a.txt"
  measure "200 MB article, default limit (skipped)" "$WORK/huge"
  measure "200 MB article, --max-article-bytes 250000000" "$WORK/huge" --max-article-bytes 250000000
  rm -rf "$WORK/huge"
  python3 - "$WORK/tiny" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(100_000):
    d = os.path.join(root, "d%03d" % (i // 1000)); os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "f%06d.txt" % i), "w").write("Headline %d\n\nOfsted rated nursery %d Good.\n" % (i, i))
PY
  measure "100,000 tiny files" "$WORK/tiny"
fi
