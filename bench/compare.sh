#!/usr/bin/env bash
# Whole-process timings of pressmine against the peers in ../shared/bench/ over
# the same input, in one run, with MB/s, peak memory and pressmine's ratio to
# each peer. pressmine runs with --full (no reuse of earlier records) and
# --no-report (extraction only). Medians of RUNS runs (spaCy's full pipeline: one run, it is slow).
#
#   bench/compare.sh                 ../shared/news (5 MB)
#   bench/compare.sh --gen 100       also a generated 100 MB corpus (pressmine, rg, cat)
#   SKIP_SETUP=1 bench/compare.sh    peers already installed
#   RUNS=5 NO_SPACY_FULL=1 ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$root/../shared/bench"
PY="${PEERS_VENV:-$HOME/.cache/pressmine-peers/venv}/bin/python"
RUNS="${RUNS:-3}"
gen=()
while [ $# -gt 0 ]; do
  case "$1" in
    --gen) gen+=("$2"); shift 2 ;;
    *) echo "usage: bench/compare.sh [--gen MB]..." >&2; exit 2 ;;
  esac
done
[ -n "${SKIP_SETUP:-}" ] || bash "$B/setup.sh" >/dev/null
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
P="$root/target/release/pressmine"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# median wall seconds and max peak RSS (MB) of RUNS runs of a command
measure() {
  local runs="$1"; shift
  local walls=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>&1 || true
    read -r w m < "$tmp/t"
    walls+=("$w"); [ "$m" -gt "$peak" ] && peak="$m"
  done
  local med
  med=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$med $((peak / 1024))"
}

report() { # title dir spacy|nospacy
  local dir="$2"
  local bytes; bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  echo
  echo "### $1: $(find "$dir" -name '*.txt' | wc -l) files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}') MB"
  echo
  echo "| command | seconds | MB/s | peak MB | peer time / pressmine (2 threads) time |"
  echo "|---|---:|---:|---:|---:|"
  local rows=()
  local p2 m2 p1 m1 t m
  read -r p2 m2 < <(measure "$RUNS" "$P" run "$dir" --out "$tmp/o2" --threads 2 --rules "$root/rules" --full --no-report)
  read -r p1 m1 < <(measure "$RUNS" "$P" run "$dir" --out "$tmp/o1" --threads 1 --rules "$root/rules" --full --no-report)
  rows+=("pressmine run, 2 threads|$p2|$m2")
  rows+=("pressmine run, 1 thread|$p1|$m1")
  read -r t m < <(measure "$RUNS" bash "$B/rg.sh" "$dir"); rows+=("ripgrep, one pass|$t|$m")
  read -r t m < <(measure "$RUNS" bash "$B/rg.sh" --split "$dir"); rows+=("ripgrep, two passes|$t|$m")
  read -r t m < <(measure "$RUNS" bash "$B/rg.sh" --cat "$dir"); rows+=("cat (I/O floor)|$t|$m")
  if [ "$3" = spacy ]; then
    read -r t m < <(measure "$RUNS" "$PY" "$B/spacy_rules.py" "$dir"); rows+=("spaCy rules (blank en)|$t|$m")
    if [ -z "${NO_SPACY_FULL:-}" ]; then
      read -r t m < <(measure 1 "$PY" "$B/spacy_full.py" "$dir"); rows+=("spaCy en_core_web_sm|$t|$m")
    fi
  fi
  for r in "${rows[@]}"; do
    IFS='|' read -r name secs mem <<< "$r"
    awk -v n="$name" -v s="$secs" -v m="$mem" -v b="$bytes" -v p="$p2" \
      'BEGIN {printf "| %s | %.2f | %.2f | %d | %.2f |\n", n, s, (s > 0 ? b/1e6/s : 0), m, (p > 0 ? s/p : 0)}'
  done
  awk -v a="$p1" -v b="$p2" 'BEGIN {printf "\n2 threads vs 1: %.2fx\n", a/b}'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); runs: $RUNS"
report "../shared/news" "$root/../shared/news" spacy
for mb in "${gen[@]}"; do
  bash "$root/bench/gen_corpus.sh" "$tmp/gen$mb" "$mb" >/dev/null
  report "generated ${mb} MB" "$tmp/gen$mb" nospacy
  rm -rf "$tmp/gen$mb"
done
