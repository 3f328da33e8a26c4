"""Pipe articles through `pressmine stream` in a local-mode Spark job and check
that the records equal those of `pressmine run` on the same articles.

Usage: python pipe_check.py PRESSMINE_BINARY RULES_DIR WORK_DIR ARTICLE_DIR...
Writes WORK_DIR/articles/articles.jsonl from the .txt files of the article
folders (a few hundred), runs `pressmine run` on it, runs the Spark job, and
compares record by record (ignoring `source.line`, which is partition-local in
the piped job). Exits 1 on any difference.
"""
import glob
import json
import os
import shlex
import subprocess
import sys

from pyspark.sql import SparkSession


def main():
    binary, rules, work = sys.argv[1], sys.argv[2], sys.argv[3]
    folders = sys.argv[4:]
    art_dir = os.path.join(work, "articles")
    os.makedirs(art_dir, exist_ok=True)
    path = os.path.join(art_dir, "articles.jsonl")
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for folder in folders:
            for p in sorted(glob.glob(os.path.join(folder, "**", "*.txt"), recursive=True))[:200]:
                with open(p, "rb") as f:
                    text = f.read().decode("utf-8", "replace")
                out.write(json.dumps({"id": os.path.relpath(p, folder), "text": text}) + "\n")
                n += 1
    out_dir = os.path.join(work, "run-out")
    subprocess.run([binary, "run", art_dir, "--out", out_dir, "--rules", rules], check=True,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(out_dir, "records.jsonl"), encoding="utf-8") as f:
        expected = [json.loads(l) for l in f]

    spark = (SparkSession.builder.master("local[2]").appName("pressmine-pipe")
             .config("spark.ui.enabled", "false").getOrCreate())
    rdd = spark.sparkContext.textFile(path, minPartitions=4)
    cmd = [binary, "stream", "--name", "articles.jsonl", "--rules", rules, "--threads", "1"]
    piped = [json.loads(l) for l in rdd.pipe(shlex.join(cmd)).collect()]
    partitions = rdd.getNumPartitions()
    spark.stop()

    def key(r):
        r = dict(r)
        r["source"] = {k: v for k, v in r["source"].items() if k != "line"}
        return r

    exp = sorted((key(r) for r in expected), key=lambda r: r["id"])
    got = sorted((key(r) for r in piped), key=lambda r: r["id"])
    if len(exp) != n or exp != got:
        print(f"spark pipe: MISMATCH: {n} articles, run gave {len(exp)} records, "
              f"the piped job {len(got)}", file=sys.stderr)
        for a, b in zip(exp, got):
            if a != b:
                print("first difference:", a["id"], "vs", b["id"], file=sys.stderr)
                break
        sys.exit(1)
    print(f"spark pipe: {len(got)} records over {partitions} partitions equal those of pressmine run")


if __name__ == "__main__":
    main()
