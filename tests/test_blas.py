"""The OpenBLAS backend of the trained pipeline (nlp/pipeline/blas.py): same results, other BLAS."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from thinc.api import NumpyOps, get_current_ops

from nlp.pipeline import blas, load_pipeline, make_doc, pipeline_path

pytestmark = pytest.mark.skipif(not (pipeline_path() / "config.cfg").exists(),
                                reason="models/referat_da has not been trained (referat train entities)")


def test_gemm_matches_numpy_ops():
    rng = np.random.default_rng(0)
    x, y = rng.random((7, 5), dtype="float32"), rng.random((4, 5), dtype="float32")
    expected = NumpyOps().gemm(x, y, trans2=True)
    assert np.allclose(blas.OpenBlasOps().gemm(x, y, trans2=True), expected, atol=1e-5)
    out = np.zeros((7, 4), dtype="float32")
    assert blas.OpenBlasOps().gemm(x, y, out=out, trans2=True) is out
    assert np.allclose(out, expected, atol=1e-5)


def test_pipeline_uses_openblas_and_leaves_the_global_backend_alone():
    nlp = load_pipeline()
    expected = blas.OpenBlasOps if blas.available() else NumpyOps
    assert type(nlp.get_pipe("tok2vec").model.ops) is expected
    assert type(nlp.get_pipe("ner").model.ops) is expected
    assert type(get_current_ops()) is NumpyOps


def test_entities_are_the_same_as_with_blis(seed_texts):
    from nlp.pipeline import _register

    _register()
    with_blis = spacy.load(pipeline_path())
    assert type(with_blis.get_pipe("tok2vec").model.ops) is NumpyOps
    fast = load_pipeline()
    texts = [text[:20_000] for text in seed_texts.values()]

    def entities(nlp):
        docs = nlp.pipe([make_doc(nlp, text, "2021-01-01") for text in texts])
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]

    found = entities(fast)
    assert sum(map(len, found)) > 100
    assert found == entities(with_blis)
