#!/usr/bin/env bash
# Cost of an incremental run against a full run, on a generated corpus.
#
#   bench/refresh.sh            # 10,000 articles, all cores
#   N=2000 THREADS=2 bench/refresh.sh
#
# Generates N articles in a temporary folder (copies of corpus/ articles, each
# with its own reference line and a few words swapped), then times:
#   1. a full run (`run --full`, nothing to reuse),
#   2. a refresh with nothing changed,
#   3. a refresh with one article changed.
# Prints each run's summary, wall and CPU time and peak memory, and the ratios
# (of wall time, and of CPU time, which other load on the machine affects less). The
# generated corpus and outputs are removed at the end (KEEP=1 keeps them).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-10000}
THREADS=${THREADS:-0}

cargo build --release --quiet
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pressmine-bench.XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then
  trap 'rm -rf "$WORK"' EXIT
fi
# A copy, so that a rebuild while the benchmark runs does not change the program.
BIN="$WORK/pressmine"
cp target/release/pressmine "$BIN"
IN="$WORK/corpus"
OUT="$WORK/output"

echo "== generating $N articles in $IN"
mapfile -t SRC < <(find corpus -type f -name '*.txt' | LC_ALL=C sort)
TEXT=()
for f in "${SRC[@]}"; do TEXT+=("$(<"$f")"); done
PLACES=(Ashby Brackley Corfe Dunmore Elstow Fenby Garth Holme Ixworth Jevington)
for ((i = 0; i < N; i++)); do
  k=$((i % ${#SRC[@]}))
  dir="$IN/batch-$((i / 250))"
  ((i % 250 == 0)) && mkdir -p "$dir"
  name=$(basename "${SRC[$k]}" .txt)
  t=${TEXT[$k]//Inspectors/The inspectors}
  ((i % 3 == 0)) && t=${t//inspection/visit}
  printf '%s\n\nReference PM-%05d. Filed from %s.\n' "$t" "$i" "${PLACES[$((i % 10))]}" >"$dir/$name-$i.txt"
done
du -sh "$IN" | cut -f1 | sed 's/^/corpus size: /'

TIME=()
if [[ -x /usr/bin/time ]]; then TIME=(/usr/bin/time -f 'time: %e %U %S %M'); fi

# run NAME ARGS...: time one run; prints its summary; sets SECS and CPU.
run() {
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  "${TIME[@]}" "$BIN" "$@" --threads "$THREADS" 2>"$WORK/$name.err" || {
    cat "$WORK/$name.err"
    exit 1
  }
  t1=$(date +%s.%N)
  SECS=$(echo "$t1 - $t0" | bc -l)
  CPU=$(awk '$1 == "time:" { print $3 + $4 }' "$WORK/$name.err")
  RSS=$(awk '$1 == "time:" { print int($5 / 1024) " MB" }' "$WORK/$name.err")
  echo "== $name: $(printf '%.2f' "$SECS") s wall${CPU:+, $CPU s CPU}${RSS:+, peak memory $RSS}"
  grep -E 'file\(s\)|added|changed' "$WORK/$name.err" | sed 's/^/   /'
}

run full run --full "$IN" --out "$OUT"
FULL=$SECS FULL_CPU=$CPU
run unchanged refresh "$IN" --out "$OUT"
SAME=$SECS SAME_CPU=$CPU
# One article changed: a sentence added.
ONE=$(find "$IN" -type f -name '*.txt' | LC_ALL=C sort | sed -n "$((N / 2 + 1))p")
printf '\nThe service will be inspected again next year.\n' >>"$ONE"
run one-changed refresh "$IN" --out "$OUT"
CHANGED=$SECS CHANGED_CPU=$CPU
grep -c '"change":"updated"' "$OUT/changes.jsonl" | sed 's/^/   records updated in changes.jsonl: /'

echo "== ratios to the full run (wall${FULL_CPU:+; CPU})"
ratio() { echo "100 * $1 / $2" | bc -l; }
printf '   unchanged refresh:   %.2f%%' "$(ratio "$SAME" "$FULL")"
[[ -n "$FULL_CPU" ]] && printf '; %.2f%%' "$(ratio "$SAME_CPU" "$FULL_CPU")"
echo
printf '   one-changed refresh: %.2f%%' "$(ratio "$CHANGED" "$FULL")"
[[ -n "$FULL_CPU" ]] && printf '; %.2f%%' "$(ratio "$CHANGED_CPU" "$FULL_CPU")"
echo
