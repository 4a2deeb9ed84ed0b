"""Agreement between annotators: Cohen's kappa for pairs, Krippendorff's alpha for many."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from nlp.labels import THEMES


def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa of two annotators' categorical labels on the same items."""
    if len(a) != len(b) or not a:
        return None
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: dict[str, dict[str, object]]) -> float | None:
    """Krippendorff's alpha (nominal) for units → {annotator: value}; units with fewer than
    two values are left out (missing data is allowed)."""
    coincidence: dict[tuple, float] = defaultdict(float)
    for values in units.values():
        present = [v for v in values.values() if v is not None]
        m = len(present)
        if m < 2:
            continue
        for i, x in enumerate(present):
            for j, y in enumerate(present):
                if i != j:
                    coincidence[(x, y)] += 1.0 / (m - 1)
    if not coincidence:
        return None
    totals: dict[object, float] = defaultdict(float)
    for (x, _), weight in coincidence.items():
        totals[x] += weight
    n = sum(totals.values())
    observed = sum(w for (x, y), w in coincidence.items() if x != y)
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (n - 1) if n > 1 else 0.0
    if expected == 0:
        return 1.0 if observed == 0 else None
    return 1.0 - observed / expected


def agreement_report(labels_by_item: dict[str, list]) -> dict:
    """Kappa per annotator pair and alpha across all, for the outcome and for each theme
    (as a yes/no per item); only items with two or more labels count."""
    shared = {key: labels for key, labels in labels_by_item.items() if len(labels) >= 2}
    report = {"items": len(shared), "outcome": {}, "themes": {}}
    if not shared:
        return report
    annotators = sorted({l.annotator for labels in shared.values() for l in labels})

    def values(key, picker):
        return {l.annotator: picker(l) for l in shared[key]}

    fields = {"outcome": lambda l: l.outcome}
    fields.update({f"theme:{t}": (lambda l, t=t: t in l.themes) for t in THEMES})
    for name, picker in fields.items():
        units = {key: values(key, picker) for key in shared}
        pairs = {}
        for a, b in combinations(annotators, 2):
            both = [k for k, u in units.items() if a in u and b in u]
            if both:
                kappa = cohen_kappa([units[k][a] for k in both], [units[k][b] for k in both])
                pairs[f"{a} / {b}"] = {"kappa": None if kappa is None else round(kappa, 3), "items": len(both)}
        alpha = krippendorff_alpha(units)
        entry = {"alpha": None if alpha is None else round(alpha, 3), "pairs": pairs}
        if name == "outcome":
            report["outcome"] = entry
        else:
            report["themes"][name.split(":", 1)[1]] = entry
    return report
