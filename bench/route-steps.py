#!/usr/bin/env python3
"""Counts the steps of the route files by kind (bean, to, split, setHeader, ...): every item of every `steps:` list,
at any depth (routes, templates, doTry/doCatch/doFinally, choice, onException, split). Usage:
    python3 bench/route-steps.py [routes/*.camel.yaml]
Prints one line per file and a total, e.g. "total 120 steps: bean 40, to 30, ...". Needs PyYAML (python3-yaml)."""
import collections
import glob
import sys

import yaml


def walk(node, counts):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "steps" and isinstance(value, list):
                for step in value:
                    if isinstance(step, dict) and step:
                        counts[next(iter(step))] += 1
            walk(value, counts)
    elif isinstance(node, list):
        for item in node:
            walk(item, counts)


def line(name, counts):
    total = sum(counts.values())
    kinds = ", ".join(f"{k} {n}" for k, n in counts.most_common())
    return f"{name} {total} steps: {kinds}"


def main(paths):
    paths = paths or sorted(glob.glob("routes/*.camel.yaml"))
    total = collections.Counter()
    for path in paths:
        counts = collections.Counter()
        with open(path, encoding="utf-8") as f:
            walk(yaml.safe_load(f), counts)
        total.update(counts)
        print(line(path, counts))
    print(line("total", total))


if __name__ == "__main__":
    main(sys.argv[1:])
