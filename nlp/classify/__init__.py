"""Classifiers of agenda items: themes, outcome, policy area (scikit-learn) and votes (rules).

`load_classifiers()` loads the trained models of models/classifiers once (checksums
verified); `Classifiers.classify(items)` fills the items' `themes`, `outcome`,
`policy_area` and `votes`.
"""

from __future__ import annotations

from nlp.classify.bundle import Classifiers, load_classifiers

__all__ = ["Classifiers", "load_classifiers"]
