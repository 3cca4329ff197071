#!/usr/bin/env python3
"""Totals the console summaries and Cobertura reports of one `dotnet test` run.

Prints the line coverage of the shipped packages (src/), merged across every test project that
loaded them, then the closing line CI reads: `N passed, N failed` (`, N skipped` when any).
Exits non-zero when a test failed or no test ran at all.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

# One summary line per test project, e.g. "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42".
passed = failed = skipped = 0
summary_line = re.compile(r"(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)")
with open(os.path.join(results, "console.log"), encoding="utf-8", errors="replace") as log:
    for line in log:
        m = summary_line.search(line)
        if m:
            failed += int(m.group(2))
            passed += int(m.group(3))
            skipped += int(m.group(4))

# Union of covered lines per source file: a package exercised by two suites counts each line once.
lines = {}
for report in glob.glob(os.path.join(results, "**", "coverage.cobertura.xml"), recursive=True):
    root = ET.parse(report).getroot()
    sources = [(s.text or "") for s in root.iter("source")]
    for cls in root.iter("class"):
        name = cls.get("filename", "")
        full = "/".join([sources[0].rstrip("/"), name]) if sources and not name.startswith("/") else name
        if "/src/" not in full.replace("\\", "/"):
            continue
        name = full
        per_file = lines.setdefault(name, {})
        for line in cls.iter("line"):
            n = int(line.get("number"))
            per_file[n] = per_file.get(n, False) or int(line.get("hits", "0")) > 0
valid = sum(len(v) for v in lines.values())
covered = sum(sum(1 for hit in v.values() if hit) for v in lines.values())
if valid:
    print(f"Line coverage (src/, merged): {100.0 * covered / valid:.1f}% ({covered} of {valid} lines)")
else:
    print("Line coverage (src/, merged): no coverage data")

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
