"""Train a churn classifier from a CSV of customer records and save it with joblib.

The first scenario ModelGate users bring: a small scikit-learn + pandas script whose
dependencies must be free of known vulnerabilities before it runs in production.
"""
import sys

import joblib
import numpy as np
import pandas as pd
from PIL import Image  # noqa: F401  (the report renderer embeds a logo)
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split


def load(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame = frame.dropna(subset=["churned"])
    frame["tenure_years"] = frame["tenure_months"] / 12.0
    return frame


def main(path: str, model_out: str) -> None:
    frame = load(path)
    features = frame[["tenure_years", "monthly_charges", "support_calls"]].to_numpy(dtype=np.float64)
    labels = frame["churned"].astype(int).to_numpy()
    x_train, x_test, y_train, y_test = train_test_split(features, labels, test_size=0.25, random_state=7)
    model = RandomForestClassifier(n_estimators=200, max_depth=6, random_state=7)
    model.fit(x_train, y_train)
    print(classification_report(y_test, model.predict(x_test)))
    joblib.dump(model, model_out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "customers.csv", sys.argv[2] if len(sys.argv) > 2 else "churn.joblib")
