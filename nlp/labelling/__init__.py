"""Labelling: researchers label items, the labels are kept safe, reviewed, exported and
used to retrain the models (the app's Annotér page and `referat label …`)."""

from nlp.labelling.workspace import Label, LabelError, disagreements, queue, save_label, settle, settled_labels

__all__ = ["Label", "LabelError", "disagreements", "queue", "save_label", "settle", "settled_labels"]
