#!/usr/bin/env bash
# A short smoke run of every fuzz target (about 20 s each), for CI. Installs
# cargo-fuzz when it is missing. The toolchain may be stable: RUSTC_BOOTSTRAP=1
# lets cargo-fuzz use the nightly flags it needs. Seeds come from the shipped
# rules, the corpus and the saved regression inputs. Exits non-zero when a
# target finds a crash (the input is left in fuzz/artifacts/TARGET/).
#
# Usage: fuzz/smoke.sh [SECONDS_PER_TARGET]    (default 20)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECS=${1:-20}
export RUSTC_BOOTSTRAP=1

start=$(date +%s)
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

echo "== seeds"
seed() { # seed TARGET NAME PREFIX_BYTE FILE
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  { printf "\\x$(printf %02x "$3")"; head -c 8000 "$4"; } > "$dir/$2"
}
i=0
for f in boilerplate.toml dates.toml inspectorates.toml meta.toml name_stopwords.txt \
         officials.toml ratings.toml scales.toml services.toml speech.toml themes.toml; do
  mkdir -p fuzz/corpus/rules_parse
  { printf "\\x$(printf %02x $i)"; cat "rules/$f"; } > "fuzz/corpus/rules_parse/seed-$f"
  i=$((i + 1))
done
n=0
for f in corpus/*/*.txt; do
  n=$((n + 1)); [[ $n -gt 8 ]] && break
  seed ingest_to_record "seed-txt-$n" 0 "$f"
done
# Legacy encodings: Windows-1252, UTF-8 with a stray byte, UTF-16 without a byte
# order mark, and an HTML page that declares its charset.
printf '\x00Rated \x91Good\x92\n\nJo Bell said: \x93We are pleased.\x94 \xA35m\n' \
  > fuzz/corpus/ingest_to_record/seed-cp1252
printf '\x00Rated \xe2\x80\x98Good\xe2\x80\x99 at \xA35m\n' > fuzz/corpus/ingest_to_record/seed-mixed
printf '\x00R\x00a\x00t\x00e\x00d\x00 \x00G\x00o\x00o\x00d\x00\n\x00' > fuzz/corpus/ingest_to_record/seed-utf16
printf '\x01<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>Rated \x91Good\x92</p></body></html>' \
  > fuzz/corpus/ingest_to_record/seed-html-1252
for t in ingest_to_record rules_parse html_reduce; do
  mkdir -p "fuzz/corpus/$t"
  for f in tests/fuzz_regressions/$t/*; do
    [[ -f $f && $f != *.md ]] && cp "$f" "fuzz/corpus/$t/"
  done
done
mkdir -p fuzz/corpus/html_reduce
printf '<html><head><title>T</title></head><body><article><h1>Head</h1><p>Ofsted rated it Good.</p></article></body></html>' \
  > fuzz/corpus/html_reduce/seed-page

echo "== build"
cargo fuzz build -s none
built=$(date +%s)

status=0
for t in ingest_to_record rules_parse html_reduce; do
  echo "== $t (${SECS} s)"
  log=fuzz/smoke-$t.log
  if cargo fuzz run -s none "$t" -- -max_total_time="$SECS" -timeout=30 \
      -rss_limit_mb=4096 -max_len=65536 > "$log" 2>&1; then
    grep -E '^(#[0-9]+[[:space:]]+DONE|Done )' "$log" || true
  else
    grep -vE '^DEBUG' "$log" | tail -n 40
    echo "!! $t failed: see fuzz/artifacts/$t/ and $log"
    status=1
  fi
done
end=$(date +%s)
echo "== smoke: install+seed+build $((built - start)) s, runs $((end - built)) s, total $((end - start)) s"
exit $status
