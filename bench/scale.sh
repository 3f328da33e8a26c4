#!/usr/bin/env bash
# Cost and peak memory as the corpus grows: generates corpora of the given sizes
# (default 100, 500 and 1000 MB) by replicating ../shared/news and corpus/ into a
# temporary folder (never committed), runs `pressmine run --full --no-report`
# on each with --threads THREADS (default 2), and prints seconds, MB/s, seconds
# per MB (flat when the cost is linear) and peak resident memory.
#   bench/scale.sh [MB ...]         THREADS=1 bench/scale.sh 100
#   GEN_DIR=/big/disk bench/scale.sh 1000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 500 1000)
threads="${THREADS:-2}"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
P="$root/target/release/pressmine"
tmp="$(mktemp -d "${GEN_DIR:-/tmp}/pressmine-scale.XXXXXX")"; trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); threads: $threads"
echo
echo "| corpus | files | seconds | MB/s | s per 100 MB | peak MB |"
echo "|---|---:|---:|---:|---:|---:|"
for mb in "${sizes[@]}"; do
  bash "$root/bench/gen_corpus.sh" "$tmp/in" "$mb" >/dev/null
  files=$(find "$tmp/in" -type f | wc -l)
  bytes=$(du -sb --apparent-size "$tmp/in" | cut -f1)
  sync
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$P" run "$tmp/in" --out "$tmp/out" --rules "$root/rules" \
    --threads "$threads" --full --no-report >/dev/null 2>&1
  read -r secs kb < "$tmp/t"
  awk -v mb="$mb" -v f="$files" -v b="$bytes" -v s="$secs" -v k="$kb" \
    'BEGIN {printf "| %d MB | %d | %.1f | %.2f | %.1f | %d |\n", mb, f, s, b/1e6/s, s/(b/1e8), k/1024}'
  rm -rf "$tmp/in" "$tmp/out"
done
