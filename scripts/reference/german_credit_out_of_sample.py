#!/usr/bin/env python3
"""The out-of-sample reference of GermanCreditReferenceTests, from scikit-learn.

Five folds by row number (row i, counted from 0 after the header, is in the test fold i % 5),
the same folds the test uses. On each fold scikit-learn's LogisticRegression (C = 1, Arrears'
default ridge penalty) is fitted on the training rows, categorical columns one-hot encoded and
numeric columns standardised (no binning: the reference a scorecard must not fall behind), and
its AUC measured on the held-out fold. Writes the mean and every fold's AUC to
Tests/Fixtures/scorecard/germancredit_out_of_sample.json.

Run from the repository root (pip install scikit-learn pandas):
    python3 scripts/reference/german_credit_out_of_sample.py
Not run in CI: the JSON it writes is committed.
"""
import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "scorecard"
FOLDS = 5

data = pd.read_csv(FIXTURES / "germancredit.csv")
y = (data.pop("creditability") == "bad").to_numpy()
categorical = [c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]
numeric = [c for c in data.columns if c not in categorical]
fold = np.arange(len(data)) % FOLDS
aucs = []
for k in range(FOLDS):
    train, test = fold != k, fold == k
    model = make_pipeline(
        ColumnTransformer([("categorical", OneHotEncoder(handle_unknown="ignore"), categorical), ("numeric", StandardScaler(), numeric)]),
        LogisticRegression(C=1.0, max_iter=10_000),
    )
    model.fit(data[train], y[train])
    aucs.append(float(roc_auc_score(y[test], model.predict_proba(data[test])[:, 1])))

reference = {
    "source": "scripts/reference/german_credit_out_of_sample.py",
    "sklearn_version": sklearn.__version__,
    "folds": FOLDS,
    "fold_aucs": aucs,
    "mean_auc": sum(aucs) / len(aucs),
}
(FIXTURES / "germancredit_out_of_sample.json").write_text(json.dumps(reference, indent=2) + "\n")
print(json.dumps(reference, indent=2))
