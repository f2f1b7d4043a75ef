#!/usr/bin/env python3
"""Draws findings to read by hand: at most K per rule, with a fixed seed, from a JSON report.

    loclint check alchemy-insights --format json > report.json
    scripts/sample-findings.py report.json term-altered:7 number-mismatch:6 ... [--seed 20261122]

Each rule's draw depends only on the seed, the rule and its findings, so adding a rule to the
list does not change the others' draws. Prints path:line, the rule, the message, and the line.
"""
import argparse
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("report")
parser.add_argument("rules", nargs="+", help="RULE:K")
parser.add_argument("--seed", default="20261122")
args = parser.parse_args()
findings = json.load(open(args.report, encoding="utf-8"))["diagnostics"]
base = os.path.dirname(os.path.abspath(args.report))
n = 0
for spec in args.rules:
    rule, k = spec.split(":")
    of_rule = [f for f in findings if f["rule"] == rule]
    for f in random.Random(f"{args.seed}-{rule}").sample(of_rule, min(int(k), len(of_rule))):
        n += 1
        try:
            with open(f["path"], encoding="utf-8", errors="replace") as text:
                line = text.read().split("\n")[f["line"] - 1].strip()
        except OSError:
            line = "(file not found from here)"
        print(f"{n}. {f['path']}:{f['line']} {rule}: {f['message']}")
        print(f"    {line[:300]}")
