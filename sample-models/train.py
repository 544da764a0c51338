#!/usr/bin/env python3
"""Trains the Console's sample models and writes them with their contracts.

Everything is deterministic (fixed seeds, data sets bundled with scikit-learn or written below), so running
this script again reproduces the same models. Nothing is downloaded.

    python sample-models/train.py            # writes into sample-models/

Models (ONNX opset 17, IR version 8 so that every ONNX Runtime from 1.14 on loads them):
  iris-classifier.onnx      4 numeric features -> 3 species (logistic regression on z-scored inputs)
  support-intent.onnx       a string -> a canned support reply (TF-IDF + logistic regression in the graph;
                            lower-casing is left to the contract's feature step because ONNX Runtime's
                            StringNormalizer needs an installed en_US.UTF-8 locale);
                            some replies carry e-mail addresses and phone numbers, so PII detection has work
  diabetes-regressor.onnx   10 numeric features -> disease progression (ridge on min-max scaled inputs)
"""
import json
import os
import sys

import numpy as np
import onnx
from sklearn.datasets import load_diabetes, load_iris
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import Pipeline
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType, StringTensorType

SEED = 20240611
OPSET = {"": 17, "ai.onnx.ml": 3}
HERE = os.path.dirname(os.path.abspath(__file__))


def save(model_proto, name, contract):
    model_proto.ir_version = 8
    model_proto.graph.name = name  # skl2onnx picks a random graph name; a fixed one keeps the bytes reproducible
    model_proto.doc_string = contract["name"]
    imports = sorted(((o.domain, o.version) for o in model_proto.opset_import))  # skl2onnx emits them in set order
    del model_proto.opset_import[:]
    for domain, version in imports:
        model_proto.opset_import.add(domain=domain, version=version)
    onnx.checker.check_model(model_proto)
    path = os.path.join(HERE, name + ".onnx")
    with open(path, "wb") as f:
        f.write(model_proto.SerializeToString())
    contract = dict(contract)
    contract["model"] = name + ".onnx"
    with open(os.path.join(HERE, name + ".contract.json"), "w", encoding="utf-8") as f:
        json.dump(contract, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", path)


def suggested_ranges(names, X):
    """Training min/max widened by 10 % of the span: values just outside what the model saw still pass."""
    out = {}
    for i, n in enumerate(names):
        lo, hi = float(X[:, i].min()), float(X[:, i].max())
        margin = 0.1 * (hi - lo)
        out[n] = {"min": round(lo - margin, 4), "max": round(hi + margin, 4),
                  "trainingMin": round(lo, 4), "trainingMax": round(hi, 4)}
    return out


def number_schema(names, ranges):
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": list(names),
        "additionalProperties": False,
        "properties": {n: {"type": "number", "description": "training range %s to %s"
                           % (ranges[n]["trainingMin"], ranges[n]["trainingMax"])} for n in names},
    }


def iris():
    data = load_iris()
    names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    X = data.data.astype(np.float32)
    mean, std = X.mean(axis=0), X.std(axis=0)
    clf = LogisticRegression(max_iter=1000, random_state=SEED)
    clf.fit((X - mean) / std, data.target)
    onx = convert_sklearn(clf, initial_types=[("features", FloatTensorType([None, 4]))],
                          target_opset=OPSET, options={id(clf): {"zipmap": False}})
    ranges = suggested_ranges(names, X)
    contract = {
        "contractVersion": 1,
        "name": "Iris species classifier",
        "task": "classification",
        "inputSchema": number_schema(names, ranges),
        "types": {n: "number" for n in names},
        "ranges": ranges,
        "sanitization": {"unicodeNormalization": "NFKC", "rejectControlCharacters": True,
                         "rejectMarkup": True, "allowedCharacters": "\\p{L}\\p{N}\\p{Zs}.,'!?:;()-"},
        "sizeLimits": {"maxRequestBytes": 2048, "maxStringLength": 64, "maxArrayLength": 16},
        "features": {"input": "features", "fields": names},
        "normalization": {"method": "z-score", "mean": [round(float(v), 6) for v in mean],
                          "std": [round(float(v), 6) for v in std]},
        "outputs": {"label": "label", "probabilities": "probabilities"},
        "labels": list(data.target_names),
        "confidence": {"threshold": 0.6},
        "outputEncoding": {"context": "html", "maxLength": 1000},
        "pii": {"entities": ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET"],
                "masking": {"default": "redact"}, "minScore": 0.5},
        "responseFilters": {"allowedLabels": list(data.target_names), "blockedLabels": [], "blockedTerms": []},
    }
    save(onx, "iris-classifier", contract)


# Each intent's reply is the class label: the model's output *is* the canned response.
REPLIES = {
    "billing": "For billing questions write to billing@example.com or call +44 20 7946 0958 (weekdays).",
    "security": "Please report security issues to security@example.org; the on-call line is +1 650-253-0000.",
    "refund": "Refunds are processed within 5 business days after we receive the returned item.",
    "greeting": "Hello! How can I help you today?",
    "hours": "Our support desk is open Monday to Friday, 9:00 to 17:00 CET.",
    "shipping": "Orders ship within 2 business days; track them in your account under Orders.",
}
QUERIES = {
    "billing": ["I was charged twice on my invoice", "question about my bill", "my credit card was billed wrong",
                "invoice amount is incorrect", "how do I update my payment method", "billing error on my account",
                "why is my subscription charge higher", "need a copy of my invoice", "payment failed",
                "who do I contact about charges"],
    "security": ["I found a vulnerability in your site", "report a security issue", "my account was hacked",
                 "suspicious login on my account", "phishing email pretending to be you", "password leak",
                 "someone accessed my account without permission", "security bug report",
                 "I think my data was breached", "responsible disclosure contact"],
    "refund": ["I want a refund", "how do I return this item", "return policy", "money back please",
               "refund for damaged product", "can I get my money back", "the product broke, refund",
               "cancel my order and refund", "when will my refund arrive", "return and refund status"],
    "greeting": ["hello", "hi there", "good morning", "hey", "hello, anyone there", "hi, I need help",
                 "good evening", "greetings", "hey support", "hello team"],
    "hours": ["when are you open", "opening hours", "what time does support close", "are you open on sunday",
              "support hours please", "what are your business hours", "is the help desk open now",
              "when can I call you", "hours of operation", "are you open on holidays"],
    "shipping": ["where is my package", "track my order", "when will my order ship", "shipping time",
                 "delivery is late", "has my parcel been sent", "how long does delivery take",
                 "order not delivered yet", "shipping status of my order", "tracking number please"],
}
TOKEN = r"[a-zA-Z0-9]+"


def support_intent():
    texts, labels = [], []
    for intent, qs in QUERIES.items():
        for q in qs:
            texts.append(q.lower())
            labels.append(REPLIES[intent])
    pipe = Pipeline([
        ("tfidf", TfidfVectorizer(lowercase=False, token_pattern=TOKEN)),
        ("clf", LogisticRegression(max_iter=2000, C=10.0, random_state=SEED)),
    ])
    pipe.fit(texts, labels)
    onx = convert_sklearn(pipe, initial_types=[("text", StringTensorType([None, 1]))], target_opset=OPSET,
                          options={id(pipe.steps[0][1]): {"tokenexp": TOKEN}, id(pipe.steps[1][1]): {"zipmap": False}})
    classes = [str(c) for c in pipe.classes_]
    contract = {
        "contractVersion": 1,
        "name": "Support intent -> canned reply",
        "task": "text-classification",
        "inputSchema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 500,
                                    "description": "the customer's question"}},
        },
        "types": {"text": "string"},
        "ranges": {},
        "sanitization": {"unicodeNormalization": "NFKC", "rejectControlCharacters": True, "rejectMarkup": True,
                         "allowedCharacters": "\\p{L}\\p{M}\\p{N}\\p{Zs}.,'\"!?:;()@&%/+#*_=-"},
        "sizeLimits": {"maxRequestBytes": 4096, "maxStringLength": 500, "maxArrayLength": 0},
        "features": {"input": "text", "fields": ["text"], "lowercase": True},
        "normalization": {"method": "none"},
        "outputs": {"label": "label", "probabilities": "probabilities"},
        "labels": classes,
        "confidence": {"threshold": 0.3},
        "outputEncoding": {"context": "html", "maxLength": 2000},
        "pii": {"entities": ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET"],
                "masking": {"EMAIL": "mask", "PHONE": "mask", "default": "redact"}, "minScore": 0.5},
        "responseFilters": {"allowedLabels": [], "blockedLabels": [], "blockedTerms": ["password", "api key"]},
    }
    save(onx, "support-intent", contract)
    return pipe


def diabetes():
    data = load_diabetes(scaled=False)
    names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    X = data.data.astype(np.float32)
    lo, hi = X.min(axis=0), X.max(axis=0)
    reg = Ridge(alpha=0.1, random_state=SEED)
    reg.fit((X - lo) / (hi - lo), data.target)
    onx = convert_sklearn(reg, initial_types=[("features", FloatTensorType([None, 10]))], target_opset=OPSET)
    ranges = suggested_ranges(names, X)
    schema = number_schema(names, ranges)
    schema["properties"]["sex"] = {"type": "number", "enum": [1, 2], "description": "1 or 2 as in the data set"}
    contract = {
        "contractVersion": 1,
        "name": "Diabetes progression regressor",
        "task": "regression",
        "inputSchema": schema,
        "types": {n: "number" for n in names},
        "ranges": ranges,
        "sanitization": {"unicodeNormalization": "NFKC", "rejectControlCharacters": True,
                         "rejectMarkup": True, "allowedCharacters": "\\p{L}\\p{N}\\p{Zs}.,-"},
        "sizeLimits": {"maxRequestBytes": 2048, "maxStringLength": 64, "maxArrayLength": 16},
        "features": {"input": "features", "fields": names},
        "normalization": {"method": "min-max", "min": [round(float(v), 6) for v in lo],
                          "max": [round(float(v), 6) for v in hi]},
        "outputs": {"value": "variable"},
        "labels": [],
        "confidence": {"valueRange": {"min": float(data.target.min()), "max": float(data.target.max())}},
        "outputEncoding": {"context": "html", "maxLength": 1000},
        "pii": {"entities": ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET"],
                "masking": {"default": "redact"}, "minScore": 0.5},
        "responseFilters": {"allowedLabels": [], "blockedLabels": [], "blockedTerms": []},
    }
    save(onx, "diabetes-regressor", contract)


if __name__ == "__main__":
    np.random.seed(SEED)
    iris()
    pipe = support_intent()
    diabetes()
    # self-check: the ONNX text model agrees with scikit-learn on the training questions
    import onnxruntime as ort
    sess = ort.InferenceSession(os.path.join(HERE, "support-intent.onnx"), providers=["CPUExecutionProvider"])
    qs = [q.lower() for qs in QUERIES.values() for q in qs]
    got = sess.run(None, {"text": np.array(qs, dtype=object).reshape(-1, 1)})[0]
    want = pipe.predict(qs)
    agree = sum(1 for a, b in zip(got, want) if a == b)
    print("support-intent: ONNX agrees with scikit-learn on %d of %d questions" % (agree, len(qs)))
    if agree != len(qs):
        sys.exit(1)
