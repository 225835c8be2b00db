#!/usr/bin/env python3
"""Summarise one or more Meson test logs: the closing line CI reads.

usage: test-summary.py BUILD_DIR...
Prints each failing test and a final "tests: N passed, N failed" line; exits 1
if anything failed or no test ran.
"""
import json
import os
import sys

passed = failed = skipped = 0
for build in sys.argv[1:]:
    log = os.path.join(build, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        print("test-summary: no test log in %s" % build)
        failed += 1
        continue
    for line in open(log, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        t = json.loads(line)
        res = t.get("result", "")
        if res in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif res == "SKIP":
            skipped += 1
        else:
            failed += 1
            print("FAILED: %s (%s) in %s" % (t.get("name"), res, build))
if passed + failed == 0:
    print("test-summary: no test ran")
    sys.exit(1)
print("tests: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
