"""Labelled data for training and evaluation, split by municipality (training_data/split.json)."""
