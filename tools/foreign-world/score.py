#!/usr/bin/env python3
"""Scores what Arrears chose on a foreign world (tools/foreign-world/generate.py) by the world's
hidden truth. Standard library only.

    python3 tools/foreign-world/score.py --truth DIR/truth.csv --costs config/costs.yaml \
        default=default.csv optimised=optimised.csv [baseline=baseline.csv ...]

Each NAME=FILE is `arrears report actions --date D --format csv` of one strategy, run on a fresh
database with the same import (or a CSV with at least `customer_id, channel, status, assigned_to`).
A row counts as the work it names only when it was carried out that day: status `created`, and a
call, visit or legal review assigned to someone (a task no one has capacity for waits in the queue,
which is no contact today). Its true net is the true expected repayment within 30 days after that
channel less after no contact, less the channel's unit cost (config/costs.yaml). Every strategy is
scored on the same cases (the customers in truth.csv, delinquent on the decision date); a case a
strategy has no row for is no contact. Prints each strategy's net and work, and each one's gain
over the first (`--json`: one object, `cases` and per strategy `net` and `work`).
"""

import csv
import json
import sys

COST_KEYS = {"sms": "sms", "email": "email", "call": "call", "visit": "visit", "letter": "letter", "legal_review": "legal"}
TASKS = {"call", "visit", "legal_review"}


def read_costs(path):
    """config/costs.yaml's unit costs in minor units (a tiny reader for its flat layout)."""
    costs, inside = {}, False
    for line in open(path, encoding="utf-8"):
        text = line.split("#", 1)[0].rstrip()
        if not text:
            continue
        if text.startswith("unit_costs:"):
            inside = True
            continue
        if inside and text.startswith(" "):
            key, value = text.strip().split(":", 1)
            costs[key.strip()] = int(value.strip())
        elif inside:
            inside = False
    return costs


def read_truth(path):
    with open(path, encoding="utf-8") as handle:
        return {row["customer_id"]: {k: float(v) for k, v in row.items() if k != "customer_id"} for row in csv.DictReader(handle)}


def carried_out(row):
    channel = row.get("channel", "none")
    if channel == "none" or row.get("status", "created") != "created":
        return "none"
    if channel in TASKS and not row.get("assigned_to"):
        return "none"
    return channel


def score(truth, costs, rows):
    """(net in yuan, {channel: count}) of the rows' choices on truth's cases."""
    chosen = {}
    for row in rows:
        customer = row["customer_id"]
        if customer in truth:
            channel = carried_out(row)
            if chosen.get(customer, "none") == "none":
                chosen[customer] = channel
    net, counts = 0.0, {}
    for customer, values in truth.items():
        channel = chosen.get(customer, "none")
        counts[channel] = counts.get(channel, 0) + 1
        if channel != "none":
            net += values[channel] - values["none"] - costs.get(COST_KEYS[channel], 0) / 100
    return net, counts


def main(argv):
    args = {"--truth": None, "--costs": "config/costs.yaml"}
    strategies = []
    index, as_json = 0, False
    while index < len(argv):
        if argv[index] == "--json":
            as_json = True
            index += 1
        elif argv[index] in args:
            args[argv[index]] = argv[index + 1]
            index += 2
        else:
            name, _, path = argv[index].partition("=")
            strategies.append((name, path))
            index += 1
    if not args["--truth"] or not strategies:
        print(__doc__, file=sys.stderr)
        return 2
    truth, costs = read_truth(args["--truth"]), read_costs(args["--costs"])
    results = []
    for name, path in strategies:
        with open(path, encoding="utf-8") as handle:
            net, counts = score(truth, costs, list(csv.DictReader(handle)))
        results.append((name, net, counts))
    if as_json:
        print(json.dumps({"cases": len(truth), "strategies": {name: {"net": round(net, 2), "work": counts} for name, net, counts in results}}))
        return 0
    first = results[0][1]
    print("%d cases" % len(truth))
    for name, net, counts in results:
        gain = "" if name == results[0][0] else ("  %+.1f%% over %s" % (100 * (net - first) / abs(first), results[0][0]) if first else "")
        work = ", ".join("%s %d" % (c, n) for c, n in sorted(counts.items()))
        print("%-10s net %12.2f%s  (%s)" % (name, net, gain, work))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
