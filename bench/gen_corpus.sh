#!/usr/bin/env bash
# Generate a corpus of about SIZE megabytes in DIR by replicating and varying the
# articles of ../shared/news and corpus/: each copy gets a numbered first line so
# no two files are identical. Never committed.
#   bench/gen_corpus.sh DIR SIZE_MB
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$1"; size_mb="$2"
mkdir -p "$dir"
python3 - "$root" "$dir" "$size_mb" <<'PY'
import os, sys, glob
root, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = sorted(glob.glob(os.path.join(root, "..", "shared", "news", "*.txt"))) + \
      sorted(glob.glob(os.path.join(root, "corpus", "**", "*.txt"), recursive=True))
texts = [open(p, "rb").read() for p in src]
target, total, i = size_mb * 1_000_000, 0, 0
while total < target:
    t = texts[i % len(texts)]
    body = b"Edition %d\n\n" % (i // len(texts)) + t
    sub = os.path.join(out, "%04d" % (i // 5000))
    if i % 5000 == 0:
        os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, "a%07d.txt" % i), "wb") as f:
        f.write(body)
    total += len(body); i += 1
print(f"{i} files, {total} bytes in {out}")
PY
