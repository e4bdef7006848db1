#!/usr/bin/env python3
"""Rebuilds the analyzer's bundled Android CA store from shared/data/android-ca-store.

The shared data holds one PEM bundle per Android release (4.6 MB, mostly repeats). The analyzer
ships each distinct certificate once (anchors.pem) plus presence.tsv, which says in which releases
each one is; provenance files are copied beside them unchanged.

Usage: python3 cert-analyzer/tools/build-android-store.py ../shared/data/android-ca-store
"""
import base64
import glob
import hashlib
import os
import re
import shutil
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/android-ca-store"
target = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources",
                      "org", "certdesk", "analyzer", "truststore", "android")

der_by_sha256 = {}
for bundle in sorted(glob.glob(os.path.join(source, "android-*.pem"))):
    text = open(bundle, encoding="ascii").read()
    for block in re.finditer(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S):
        der = base64.b64decode("".join(block.group(1).split()))
        der_by_sha256.setdefault(hashlib.sha256(der).hexdigest(), der)

rows = open(os.path.join(source, "presence.tsv"), encoding="utf-8").read().splitlines()[1:]
with open(os.path.join(target, "anchors.pem"), "w", encoding="ascii", newline="\n") as out:
    out.write("# Distinct Android system CA certificates; see README.md (provenance) and presence.tsv.\n")
    for row in rows:
        columns = row.split("\t")
        sha256 = columns[0].replace(":", "").lower()
        der = der_by_sha256.pop(sha256)
        body = base64.b64encode(der).decode("ascii")
        out.write("# " + sha256 + "\n-----BEGIN CERTIFICATE-----\n")
        out.write("\n".join(body[i:i + 64] for i in range(0, len(body), 64)))
        out.write("\n-----END CERTIFICATE-----\n")
if der_by_sha256:
    sys.exit("certificates missing from presence.tsv: " + ", ".join(der_by_sha256))
for name in ("presence.tsv", "sources.tsv", "README.md"):
    shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
print("wrote", len(rows), "certificates to", os.path.normpath(target))
