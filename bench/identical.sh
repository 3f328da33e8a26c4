#!/usr/bin/env bash
# Shows that two pressmine builds write the same output: runs each binary over
# the same inputs (report on, tables on, --full, a fixed thread count) into
# separate folders and compares every output file byte for byte: records,
# skipped, changes, index, manifest, tables/ and report/ (HTML pages and
# rules.json). Prints PASS or FAIL per input; exits non-zero on any difference.
#
#   bench/identical.sh [BASE_BINARY [NEW_BINARY]]
#     BASE_BINARY  default /tmp/pressmine-base-c0a67e6 (a build of main before the change)
#     NEW_BINARY   default ./target/release/pressmine
#   THREADS=2 (default) sets --threads for both runs.
#   INPUTS="corpus ../shared/seeds" overrides the inputs (default: corpus,
#   ../shared/seeds, ../shared/news).
#
# What may legitimately differ, and is masked:
# - `pressmine_version` (in manifest.json and in every line of index.jsonl)
#   carries a fingerprint of the build (build.rs: every file under src/), so it
#   differs between any two builds of different sources. Both files are
#   compared with that field replaced by a placeholder; the manifest's
#   `outputs["index.jsonl"].sha256` (a hash of the index, version included) is
#   masked likewise, the index itself being compared field for field.
# The manifest holds no timestamps or elapsed times (checked: schema version,
# version, rules fingerprint and files, the absolute input path, which is the
# same for both runs, max_article_bytes and the size and hash of each output).
# index.jsonl holds mtime/ctime of the input files: the same files are read by
# both runs, so they are compared as they are.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
A="${1:-/tmp/pressmine-base-c0a67e6}"
B="${2:-./target/release/pressmine}"
THREADS="${THREADS:-2}"
read -r -a inputs <<<"${INPUTS:-corpus ../shared/seeds ../shared/news}"
for bin in "$A" "$B"; do
  [ -x "$bin" ] || { echo "no such binary: $bin" >&2; exit 2; }
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# manifest.json / index.jsonl with the build-dependent fields masked
mask() {
  case "$(basename "$1")" in
    manifest.json)
      jq -S '.pressmine_version = "<masked>"
             | if .outputs["index.jsonl"] then .outputs["index.jsonl"].sha256 = "<masked>" else . end' "$1" ;;
    index.jsonl)
      jq -c -S 'walk(if type == "object" and has("pressmine_version") then .pressmine_version = "<masked>" else . end)' "$1" ;;
    *) cat "$1" ;;
  esac
}

fail=0
for input in "${inputs[@]}"; do
  [ -e "$input" ] || { echo "FAIL $input: no such input"; fail=1; continue; }
  abs="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
  name="$(basename "$input")"
  for side in a b; do
    bin="$A"; [ "$side" = b ] && bin="$B"
    out="$tmp/$name-$side"
    if ! "$bin" run "$abs" --out "$out" --full --threads "$THREADS" >"$tmp/$name-$side.log" 2>&1; then
      echo "FAIL $input: $bin exited non-zero (see below)"; cat "$tmp/$name-$side.log"; fail=1; continue 2
    fi
  done
  da="$tmp/$name-a"; db="$tmp/$name-b"
  diffs=0
  # same set of files
  if ! diff <(cd "$da" && find . -type f | sort) <(cd "$db" && find . -type f | sort) >"$tmp/files.diff"; then
    echo "  $input: the two runs wrote different sets of files:"; sed 's/^/    /' "$tmp/files.diff"
    diffs=$((diffs + 1))
  fi
  n=0
  while IFS= read -r f; do
    [ -f "$db/$f" ] || continue
    n=$((n + 1))
    case "$(basename "$f")" in
      manifest.json | index.jsonl)
        if ! cmp -s <(mask "$da/$f") <(mask "$db/$f"); then
          echo "  $input: $f differs (version fields masked)"; diffs=$((diffs + 1))
        fi ;;
      *)
        if ! cmp -s "$da/$f" "$db/$f"; then
          echo "  $input: $f differs"; diffs=$((diffs + 1))
        fi ;;
    esac
  done < <(cd "$da" && find . -type f | sed 's|^\./||' | sort)
  if [ "$diffs" -eq 0 ]; then
    echo "PASS $input ($n files identical; pressmine_version masked in manifest.json and index.jsonl)"
  else
    echo "FAIL $input ($diffs difference(s) over $n files)"; fail=1
  fi
done
exit "$fail"
