#!/usr/bin/env python3
"""A foreign world for Arrears (issue 27): a portfolio, a randomised history of actions with the
payments that followed them, and the hidden true response on the decision date.

This is NOT Arrears' behaviour model (Sources/ArrearsSimulation, config/behaviour.yaml): it is
written separately, from other assumptions, so that the optimiser can be judged on a world it was
not built around. Standard library only.

The world. Every customer has one account (a credit card or a personal loan) with a monthly due.
A customer is one of four hidden kinds, correlated with what a bank sees (rating, amounts,
payment history) but never written anywhere Arrears reads:

- forgetful: good payers who miss a due now and then and pay once reminded (reminders work,
  early, and on everything else a little);
- struggling: short of money; pay a part when they pay; a call, which leads to a plan, works
  best while the debt is young; letters and legal do little;
- strategic: could pay and will not; a visit, a legal review or a firm letter on a large debt
  moves them, a reminder does not;
- hardship: lost their income; nothing helps, and calls, letters and legal review make them
  go silent (contact harms a little).

Two more hidden traits shape the effects and are not in any file: the customer's age (calls work
less on the young) and income (legal review works on those who can pay). The region (which is in
the customers' file) halves the effect of calls in one province.

Every effect decays with days past due. The expected repayment within 30 days of an action on
channel c, for a customer in state s, is P(pay | c, s) times the amount they pay when they pay
(the whole overdue, or one or two months' dues for the struggling and the hardship kinds).

The history. From the first due month until the day before the decision date, a delinquent
customer gets an action every 30 days, the first 1 to 20 days after the missed due; its channel is
drawn uniformly among those the default strategy's guardrails allow that day (and `none`), and the
propensity 1/k is logged with cell `random`. The payment (if any) is drawn from the response and
dated 1 to 30 days after the action. A customer who pays everything overdue is current again and
pays its dues on time until the next miss. An account 180 days past due on an action's date is
written off that day (`written_off_on`) and no longer collected.

Files written to OUT: customers.csv, accounts.csv, dues.csv, payments.csv, actions.csv in Arrears'
import formats, and truth.csv (hidden: for every customer with something overdue on the decision
date, the expected repayment within 30 days after each channel, in yuan).

    python3 tools/foreign-world/generate.py --customers 30000 --as-of 2026-11-30 --seed 7 --out DIR
"""

import argparse
import csv
import datetime as dt
import math
import os
import random

CHANNELS = ["none", "sms", "email", "call", "visit", "letter", "legal_review"]
VISIT_REGIONS = {"上海", "北京", "广东", "浙江", "江苏"}
REGIONS = ["上海", "北京", "广东", "浙江", "江苏", "四川", "湖北", "山东"]
REGION_WEIGHTS = [14, 14, 16, 12, 12, 12, 10, 10]
KINDS = ["forgetful", "struggling", "strategic", "hardship"]
# Which ratings each kind tends to have (A best .. E worst).
RATING_WEIGHTS = {
    "forgetful": [35, 35, 20, 7, 3],
    "struggling": [5, 15, 35, 30, 15],
    "strategic": [15, 25, 30, 20, 10],
    "hardship": [3, 7, 20, 35, 35],
}
KIND_WEIGHTS = [45, 25, 15, 15]
# Chance of missing a due while current, per month.
# An account this many days past due on an action's date is written off (`written_off_on`) and no
# longer collected, as banks do at 180 days.
WRITE_OFF_DPD = 180
MISS = {"forgetful": 0.035, "struggling": 0.07, "strategic": 0.045, "hardship": 0.06}


def add_months(day, months, on):
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, on)


class Ledger:
    """One account's dues and payments, positions computed as Arrears does: payments pay the
    oldest dues first; a due is overdue when it fell before the date and is not fully paid."""

    def __init__(self):
        self.dues = []  # (date, amount in fen)
        self.payments = []  # (date, amount in fen)

    def paid_through(self, day):
        return sum(amount for date, amount in self.payments if date <= day)

    def position(self, day):
        """(dpd, overdue, outstanding) in fen on `day`."""
        paid = self.paid_through(day)
        dpd, overdue, outstanding = 0, 0, 0
        for due_on, amount in self.dues:
            unpaid = max(0, amount - paid)
            paid = max(0, paid - amount)
            outstanding += unpaid
            if due_on < day and unpaid > 0:
                overdue += unpaid
                dpd = max(dpd, (day - due_on).days)
        return dpd, overdue, outstanding


def segment(rating, dpd):
    if (rating in "DE" and dpd >= 31) or dpd >= 91:
        return "high_risk"
    if rating in "AB" and dpd <= 30:
        return "prime"
    return "standard"


def allowed(customer, dpd, overdue_yuan):
    """The channels the default strategy's treatments allow on a day (its guardrails), with none."""
    seg = segment(customer["rating"], dpd)
    channels = ["none"]
    if seg == "prime" and 1 <= dpd <= 10 and customer["email"]:
        channels.append("email")
    if 1 <= dpd <= 15 and customer["mobile"]:
        channels.append("sms")
    if dpd >= 16:
        channels.append("call")
    if seg != "prime" and dpd >= 61:
        channels.append("letter")
    if seg != "prime" and dpd >= 31 and overdue_yuan >= 5000 and customer["region"] in VISIT_REGIONS:
        channels.append("visit")
    if seg == "high_risk" and dpd >= 91:
        channels.append("legal_review")
    return channels


def response(customer, state):
    """The hidden truth: {channel: (chance of paying within 30 days, amount paid when paying, yuan)}."""
    kind = customer["kind"]
    dpd, overdue, outstanding, paid_recently = state["dpd"], state["overdue"], state["outstanding"], state["paid_recently"]
    young = max(0.0, min(1.0, (dpd - 15) / 45)) * math.exp(-max(0, dpd - 60) / 60)  # a debt 16 to 60 days old
    decay = math.exp(-max(0, dpd - 30) / 90)
    if kind == "forgetful":
        base = 0.50 if dpd <= 30 else 0.25
        lift = {"sms": 0.14 if dpd <= 15 else 0.05, "email": 0.06, "call": 0.10, "letter": 0.04, "visit": 0.10, "legal_review": 0.03}
        amount = overdue
    elif kind == "struggling":
        base = 0.12
        lift = {"sms": 0.02, "email": 0.0, "call": 0.30 * young + 0.04 * decay, "letter": 0.02, "visit": 0.12 * decay, "legal_review": 0.0}
        amount = min(overdue, customer["monthly"] * 1.5)
    elif kind == "strategic":
        base = 0.06
        large = 1.0 if outstanding >= 20000 else 0.4
        rich = 1.0 if customer["income"] >= 15000 else 0.35
        lift = {"sms": 0.0, "email": 0.0, "call": 0.05 * decay, "letter": 0.12 * large, "visit": 0.32 * decay * large,
                "legal_review": 0.30 * rich * large}
        amount = overdue
    else:  # hardship
        base = 0.03
        lift = {"sms": 0.0, "email": 0.0, "call": -0.02, "letter": -0.02, "visit": 0.0, "legal_review": -0.03}
        amount = min(overdue, customer["monthly"])
    base += 0.06 if paid_recently else 0.0
    base += 0.04 * customer["willing"]
    base = max(0.005, min(0.95, base))
    if customer["age"] < 30:
        lift["call"] = lift["call"] - 0.04
    if customer["region"] == "广东":
        lift["call"] = lift["call"] * 0.5
    out = {"none": (base, amount)}
    for channel, gain in lift.items():
        out[channel] = (max(0.0, min(0.98, base + gain)), amount)
    return out


def expected(customer, state):
    return {channel: chance * amount for channel, (chance, amount) in response(customer, state).items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=30000)
    parser.add_argument("--as-of", default="2026-11-30", help="the decision date D")
    parser.add_argument("--months", type=int, default=11, help="months of dues and history before D")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    as_of = dt.date.fromisoformat(args.as_of)
    first_month = add_months(as_of.replace(day=1), -args.months, 1)
    os.makedirs(args.out, exist_ok=True)

    customers_file = open(os.path.join(args.out, "customers.csv"), "w", newline="", encoding="utf-8")
    accounts_file = open(os.path.join(args.out, "accounts.csv"), "w", newline="", encoding="utf-8")
    dues_file = open(os.path.join(args.out, "dues.csv"), "w", newline="", encoding="utf-8")
    payments_file = open(os.path.join(args.out, "payments.csv"), "w", newline="", encoding="utf-8")
    actions_file = open(os.path.join(args.out, "actions.csv"), "w", newline="", encoding="utf-8")
    truth_file = open(os.path.join(args.out, "truth.csv"), "w", newline="", encoding="utf-8")
    customers_csv, accounts_csv, dues_csv = csv.writer(customers_file), csv.writer(accounts_file), csv.writer(dues_file)
    payments_csv, actions_csv, truth_csv = csv.writer(payments_file), csv.writer(actions_file), csv.writer(truth_file)
    customers_csv.writerow(["customer_id", "name", "mobile", "email", "address", "region", "language", "credit_rating"])
    accounts_csv.writerow(["account_id", "customer_id", "product", "currency", "principal", "opened_on", "written_off_on"])
    dues_csv.writerow(["account_id", "due_on", "principal", "interest"])
    payments_csv.writerow(["payment_id", "account_id", "paid_on", "amount", "currency", "channel"])
    actions_csv.writerow(["action_id", "customer_id", "date", "channel", "cell", "propensity"])
    truth_csv.writerow(["customer_id"] + CHANNELS)

    def money(fen):
        return "%d.%02d" % (fen // 100, fen % 100)

    payment_count, action_count, delinquent_at_d, written_off_count = 0, 0, 0, 0
    for index in range(1, args.customers + 1):
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        rating = rng.choices("ABCDE", RATING_WEIGHTS[kind])[0]
        income = math.exp(rng.gauss(9.1 if kind != "hardship" else 8.4, 0.55)) * (1.6 if kind == "strategic" else 1.0)
        customer = {
            "id": "F%07d" % index,
            "kind": kind,
            "rating": rating,
            "income": income,
            "age": rng.randint(21, 66),
            "willing": rng.gauss(0, 1),
            "region": rng.choices(REGIONS, REGION_WEIGHTS)[0],
            "mobile": rng.random() < 0.93,
            "email": rng.random() < 0.6,
        }
        product = "credit_card" if rng.random() < 0.6 else "personal_loan"
        if product == "credit_card":
            principal = rng.choice([10000, 20000, 30000, 50000, 80000, 100000])
            monthly_fen = int(principal * rng.uniform(0.03, 0.10)) * 100
        else:
            principal = rng.choice([20000, 50000, 100000, 150000, 200000, 300000])
            monthly_fen = int(principal * rng.uniform(0.025, 0.05) * 100)
        customer["monthly"] = monthly_fen / 100
        customer_id, account_id = customer["id"], "FA%07d" % index
        opened = first_month - dt.timedelta(days=rng.randint(30, 2500))
        due_day = rng.randint(1, 28)
        customers_csv.writerow([customer_id, "客户%d" % index, "1380%07d" % index if customer["mobile"] else "",
                                "f%d@example.cn" % index if customer["email"] else "", "%s某区某路 %d 号" % (customer["region"], index),
                                customer["region"], "zh-CN", rating])
        ledger = Ledger()
        last_due = as_of if product == "credit_card" else add_months(as_of, 12, 28)
        month = 0
        while True:
            due_on = add_months(first_month, month, due_day)
            if due_on > last_due:
                break
            ledger.dues.append((due_on, monthly_fen))
            interest = monthly_fen // 10
            dues_csv.writerow([account_id, due_on.isoformat(), money(monthly_fen - interest), money(interest)])
            month += 1

        def pay(day, fen):
            nonlocal payment_count
            payment_count += 1
            ledger.payments.append((day, fen))
            payments_csv.writerow(["FP%09d" % payment_count, account_id, day.isoformat(), money(fen), "CNY",
                                   rng.choice(["alipay", "wechat_pay", "bank_transfer"])])

        def state(day):
            dpd, overdue, outstanding = ledger.position(day)
            recent = any(day - dt.timedelta(days=30) < date <= day for date, _ in ledger.payments)
            return {"dpd": dpd, "overdue": overdue / 100, "outstanding": outstanding / 100, "paid_recently": recent}

        # Walk the days on which something happens: dues while current, actions while delinquent.
        day_index = 0
        next_action, written_off = None, None
        dues_before_d = [date for date, _ in ledger.dues if date < as_of]
        while True:
            if next_action is None:
                # Current: pay each due on its date until one is missed.
                while day_index < len(dues_before_d):
                    due_on = dues_before_d[day_index]
                    day_index += 1
                    if rng.random() < MISS[kind]:
                        next_action = due_on + dt.timedelta(days=rng.randint(1, 20))
                        break
                    pay(due_on, monthly_fen)
                if next_action is None:
                    break
            if next_action >= as_of:
                break
            s = state(next_action)
            if s["overdue"] <= 0:
                next_action = None
                continue
            if s["dpd"] >= WRITE_OFF_DPD:
                # The bank writes the account off: no longer collected, no more actions.
                written_off = next_action
                break
            channels = allowed(customer, s["dpd"], s["overdue"])
            channel = rng.choice(channels)
            action_count += 1
            actions_csv.writerow(["FH%09d" % action_count, customer_id, next_action.isoformat(), channel, "random",
                                  "%.6f" % (1 / len(channels))])
            chance, amount = response(customer, s)[channel]
            action_day = next_action
            next_action = action_day + dt.timedelta(days=30)
            if rng.random() < chance:
                paid_on = action_day + dt.timedelta(days=rng.randint(1, 30))
                if paid_on >= as_of:
                    continue
                _, overdue_then, _ = ledger.position(paid_on)
                fen = min(overdue_then, int(round(amount * 100)))
                if amount >= s["overdue"]:
                    fen = overdue_then  # pays everything overdue: current again
                if fen > 0:
                    pay(paid_on, fen)
                if ledger.position(paid_on)[1] == 0:
                    # Current again: pays the dues after the payment on time.
                    next_action = None
                    while day_index < len(dues_before_d) and dues_before_d[day_index] < paid_on:
                        day_index += 1
        accounts_csv.writerow([account_id, customer_id, product, "CNY", "%d.00" % principal, opened.isoformat(),
                               written_off.isoformat() if written_off else ""])
        if written_off:
            written_off_count += 1
            continue
        # Any dues still unpaid from the current walk stay unpaid (the customer is delinquent).
        s = state(as_of)
        if s["overdue"] > 0:
            delinquent_at_d += 1
            truth = expected(customer, s)
            truth_csv.writerow([customer_id] + ["%.2f" % truth[channel] for channel in CHANNELS])

    for handle in (customers_file, accounts_file, dues_file, payments_file, actions_file, truth_file):
        handle.close()
    print("customers %d, payments %d, actions %d, written off %d, delinquent on %s: %d" % (
        args.customers, payment_count, action_count, written_off_count, as_of, delinquent_at_d))


if __name__ == "__main__":
    main()
