#!/usr/bin/env python3
"""The expected numbers of GermanCreditReferenceTests, from scikit-learn.

Reads the WoE design matrix Arrears builds from the German Credit data
(Tests/Fixtures/scorecard/germancredit_woe.csv: one column per kept feature, then `event`
0/1), fits scikit-learn's LogisticRegression with the same ridge penalty as Arrears'
default (Arrears maximises loglik - l2/2 * sum(beta^2); scikit-learn minimises
C * sum(logloss) + 1/2 * sum(beta^2), so C = 1 / l2; the intercept is unpenalised in both),
and writes the coefficients, the intercept and the in-sample AUC to
Tests/Fixtures/scorecard/germancredit_sklearn.json.

Run once from the repository root after recording the matrix (see the test's doc comment):
    pip install scikit-learn pandas
    python3 scripts/reference/german_credit_sklearn.py
Not run in CI: the JSON it writes is committed.
"""
import json
import pathlib

import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

L2 = 1.0  # ScorecardSettings().l2
FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "scorecard"

matrix = pd.read_csv(FIXTURES / "germancredit_woe.csv", float_precision="round_trip")
columns = [name for name in matrix.columns if name != "event"]
x, y = matrix[columns].to_numpy(), matrix["event"].to_numpy()

model = LogisticRegression(C=1 / L2, solver="newton-cg", tol=1e-10, max_iter=10_000)
model.fit(x, y)
auc = roc_auc_score(y, model.predict_proba(x)[:, 1])

reference = {
    "source": "scripts/reference/german_credit_sklearn.py",
    "sklearn_version": sklearn.__version__,
    "solver": "newton-cg",
    "l2": L2,
    "C": 1 / L2,
    "columns": columns,
    "coefficients": [float(c) for c in model.coef_[0]],
    "intercept": float(model.intercept_[0]),
    "auc": float(auc),
}
(FIXTURES / "germancredit_sklearn.json").write_text(json.dumps(reference, indent=2) + "\n")
print(json.dumps(reference, indent=2))
