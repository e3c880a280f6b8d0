#!/usr/bin/env python3
"""What a data scientist would assemble in an afternoon (issue 27's yardstick): a plain T-learner
of off-the-shelf gradient boosting (scikit-learn's HistGradientBoostingRegressor, default
settings), one model per channel of the amount repaid within 30 days after an action, on simple
features computed from the imported files at each action's date; then, on the decision date, a
greedy allocation of the channels the default strategy's guardrails allow (the same ones
Arrears' optimised cell may choose from) within the shipped teams' capacities. Reads only the
files Arrears imports, never truth.csv. Needs numpy and scikit-learn (not needed by CI).

    python3 tools/foreign-world/baseline.py --world DIR --as-of 2026-11-30 --out baseline.csv

Writes `customer_id, channel, status, assigned_to` for tools/foreign-world/score.py. With
`--oracle DIR/truth.csv` the channels are valued by the hidden truth instead (the same greedy
allocation within the same guardrails and capacity): roughly the most there is to gain.
"""

import argparse
import bisect
import csv
import datetime as dt
import os
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import Ledger, allowed  # the DPD arithmetic and the default strategy's guardrails, not the truth

COSTS = {"sms": 0.05, "email": 0.01, "call": 6, "visit": 150, "letter": 8, "legal_review": 500}
# The shipped config/teams.yaml: calls by all collectors, visits by region, legal review.
CAPACITY = {"call": 370, "visit:上海": 6, "visit:北京": 6, "visit:广东": 6, "visit:浙江": 5, "visit:江苏": 5, "legal_review": 20}
RATINGS = {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--world", required=True)
    parser.add_argument("--as-of", default="2026-11-30")
    parser.add_argument("--out", required=True)
    parser.add_argument("--oracle", metavar="TRUTH", help="value the channels by the hidden truth.csv instead of the models: the best "
                        "choice within the same guardrails and capacity, the yardstick of how much there is to gain")
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    path = lambda name: os.path.join(args.world, name)
    customers = {row["customer_id"]: row for row in csv.DictReader(open(path("customers.csv"), encoding="utf-8"))}
    accounts = {row["account_id"]: row for row in csv.DictReader(open(path("accounts.csv"), encoding="utf-8"))}
    ledgers = {account: Ledger() for account in accounts}
    for row in csv.DictReader(open(path("dues.csv"), encoding="utf-8")):
        ledgers[row["account_id"]].dues.append((dt.date.fromisoformat(row["due_on"]), round(100 * (float(row["principal"]) + float(row["interest"] or 0)))))
    for row in csv.DictReader(open(path("payments.csv"), encoding="utf-8")):
        ledgers[row["account_id"]].payments.append((dt.date.fromisoformat(row["paid_on"]), round(100 * float(row["amount"]))))
    by_customer = {}
    for account, row in accounts.items():
        by_customer.setdefault(row["customer_id"], []).append(account)
    for ledger in ledgers.values():
        ledger.dues.sort()
        ledger.payments.sort()

    def features(customer_id, day):
        dpd, overdue, outstanding, paid90, count90, since, months = 0, 0.0, 0.0, 0.0, 0, 9999, 0.0
        product = 0
        for account in by_customer[customer_id]:
            ledger = ledgers[account]
            a_dpd, a_overdue, a_outstanding = ledger.position(day)
            dpd, overdue, outstanding = max(dpd, a_dpd), overdue + a_overdue / 100, outstanding + a_outstanding / 100
            for date, amount in ledger.payments:
                if day - dt.timedelta(days=90) < date <= day:
                    paid90 += amount / 100
                    count90 += 1
                if date <= day:
                    since = min(since, (day - date).days)
            months = max(months, (day - dt.date.fromisoformat(accounts[account]["opened_on"])).days / 30.4)
            product = 1 if accounts[account]["product"] == "personal_loan" else 0
        return [dpd, overdue, outstanding, paid90, count90, since, months, product, RATINGS[customers[customer_id]["credit_rating"]]]

    def repaid(customer_id, day, days=30):
        total = 0.0
        for account in by_customer[customer_id]:
            total += sum(amount for date, amount in ledgers[account].payments if day < date <= day + dt.timedelta(days=days)) / 100
        return total

    rows = {}
    for row in csv.DictReader(open(path("actions.csv"), encoding="utf-8")):
        day = dt.date.fromisoformat(row["date"])
        if day + dt.timedelta(days=30) > as_of:
            continue
        rows.setdefault(row["channel"], []).append((features(row["customer_id"], day), repaid(row["customer_id"], day)))
    models = {}
    for channel, examples in rows.items():
        x = np.array([e[0] for e in examples], dtype=float)
        y = np.array([e[1] for e in examples], dtype=float)
        models[channel] = HistGradientBoostingRegressor(random_state=0).fit(x, y)

    # The decision date: every delinquent customer's candidates, valued net of cost against none.
    cases = []
    for customer_id in customers:
        if all(accounts[a].get("written_off_on") and dt.date.fromisoformat(accounts[a]["written_off_on"]) <= as_of for a in by_customer[customer_id]):
            continue  # written off: no longer collected
        x = features(customer_id, as_of)
        if x[1] <= 0:
            continue
        customer = {"rating": customers[customer_id]["credit_rating"], "email": customers[customer_id]["email"],
                    "mobile": customers[customer_id]["mobile"], "region": customers[customer_id]["region"]}
        channels = [c for c in allowed(customer, x[0], x[1]) if c in models]
        cases.append((customer_id, customer["region"], channels, x))
    predictions = {c: m.predict(np.array([case[3] for case in cases], dtype=float)) for c, m in models.items()}
    if args.oracle:
        truth = {row["customer_id"]: row for row in csv.DictReader(open(args.oracle, encoding="utf-8"))}
        predictions = {c: [float(truth[case[0]][c]) for case in cases] for c in models}
    options = []
    choice = {}
    for i, (customer_id, region, channels, _) in enumerate(cases):
        values = {c: predictions[c][i] - predictions["none"][i] - COSTS.get(c, 0) for c in channels if c != "none"}
        free = max([0.0] + [v for c, v in values.items() if c not in ("call", "visit", "legal_review")])
        choice[customer_id] = max([("none", 0.0)] + [(c, v) for c, v in values.items() if c not in ("call", "visit", "legal_review")], key=lambda p: p[1])[0]
        for c, v in values.items():
            if c in ("call", "visit", "legal_review") and v > free:
                options.append((v - free, customer_id, c, "visit:" + region if c == "visit" else c))
    options.sort(reverse=True)
    left, taken = dict(CAPACITY), set()
    for _, customer_id, channel, resource in options:
        if customer_id in taken or left.get(resource, 0) <= 0:
            continue
        left[resource] -= 1
        taken.add(customer_id)
        choice[customer_id] = channel
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["customer_id", "channel", "status", "assigned_to"])
        for customer_id, channel in choice.items():
            out.writerow([customer_id, channel, "created", "baseline" if channel in ("call", "visit", "legal_review") else ""])
    print("baseline: %d cases, %s" % (len(choice), {c: list(choice.values()).count(c) for c in set(choice.values())}))


if __name__ == "__main__":
    main()
