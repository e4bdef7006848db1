#!/usr/bin/env python3
"""Runs the analyzer CLI (--chain) on the shared real-world chains and counts the reports that are right.

Each chain is analyzed for the Android API level in its file name (…-api30.pem) and for the host in
realworld-chains.tsv, which also says what a right report holds: the verdict, the certificates named
missing (leaf side first; a trailing "?" marks one that could not be obtained), and every problem as
CODE or CODE:certificate name (the severity letter W or I in brackets for warnings and notes). The
chains themselves stay in the shared data folder (their provenance is there): nothing is copied here.

Expectations are as of December 2026: most of these leaves have expired by then, so EXPIRED is the
right verdict for them, next to whatever else is wrong. The analyzer fetches missing issuers through
AIA; offline, those fetches fail, and the expectations assume that (no network at the time of writing).

    mvn -B -ntp -q -pl cert-analyzer package -DskipTests
    cert-analyzer/tools/check-realworld-chains.py [--jar cert-analyzer/target/cert-analyzer.jar] [--chains DIR]
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def expectations():
    rows = []
    with open(os.path.join(HERE, "realworld-chains.tsv"), encoding="utf-8") as tsv:
        for line in tsv:
            if line.startswith("#") or not line.strip():
                continue
            file, host, verdict, missing, problems = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            rows.append((file, host, verdict, [m for m in missing.split(";") if m], sorted(p for p in problems.split(";") if p)))
    return rows


def observed(report):
    missing = [m["name"] + ("" if m["obtained"] else "?") for m in report["missing"]]
    problems = sorted(p["code"] + {"ERROR": "", "WARNING": "(W)", "INFO": "(I)"}[p["severity"]]
                      + (":" + p["certificate"] if p.get("certificate") else "") for p in report["problems"])
    return report["verdict"], missing, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default=os.path.join(HERE, "..", "target", "cert-analyzer.jar"))
    parser.add_argument("--chains", default=os.path.join(HERE, "..", "..", "..", "shared", "data", "realworld-chains", "chains"))
    args = parser.parse_args()
    right = 0
    rows = expectations()
    for file, host, verdict, missing, problems in rows:
        api = re.search(r"-api(\d+)\.", file).group(1)
        run = subprocess.run(["java", "-jar", args.jar, "--chain", os.path.join(args.chains, file), "--host", host,
                              "--android", api, "--json"], capture_output=True, text=True)
        try:
            got = observed(json.loads(run.stdout))
        except ValueError:
            print(f"WRONG {file}: no report ({run.stderr.strip()[:200]})")
            continue
        if got == (verdict, missing, problems):
            right += 1
            print(f"right {file}: {verdict}" + (f", missing {missing}" if missing else ""))
        else:
            print(f"WRONG {file}:\n  expected {verdict} missing={missing} problems={problems}"
                  f"\n  got      {got[0]} missing={got[1]} problems={got[2]}")
    print(f"{right} of {len(rows)} right")
    return 0 if right == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
