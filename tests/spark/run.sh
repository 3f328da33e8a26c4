#!/usr/bin/env bash
# Install PySpark in a virtualenv (once) and run the pipe check: a local-mode
# Spark job pipes articles through `pressmine stream` and must give the same
# records as `pressmine run`. Needs Java 17 (on the machine) and PyPI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${PRESSMINE_SPARK_VENV:-$HOME/.cache/pressmine-spark/venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
articles=("$root/corpus")
[ -d "$root/../shared/news" ] && articles+=("$root/../shared/news")
"$venv/bin/python" "$root/tests/spark/pipe_check.py" "$root/target/release/pressmine" "$root/rules" "$work" "${articles[@]}"
