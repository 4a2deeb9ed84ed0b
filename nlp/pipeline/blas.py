"""A thinc backend that routes the CPU's BLAS calls to OpenBLAS instead of BLIS.

thinc's `NumpyOps` does its matrix products and vector additions with the BLIS library
bundled in the `blis` wheel. BLIS picks its kernels by CPU model, and on CPUs it does not
recognise (virtual machines report "AMD EPYC" without a family it knows) it falls back to
its generic reference kernels, with a fixed cost of several microseconds per call. The
hash embeddings of the tok2vec layer call `saxpy` once per token and feature, so that
cost is paid hundreds of thousands of times per corpus page batch.

`OpenBlasOps` keeps everything of `NumpyOps` but (1) multiplies matrices with NumPy, whose
OpenBLAS picks optimised kernels for any x86-64 CPU, and (2) hands thinc's C-level BLAS
table (`thinc.backends.cblas`, which exists so that backends can swap functions) the
`cblas_saxpy` of the 32-bit-integer OpenBLAS that SciPy ships. The arithmetic is the same
(sums may differ in the last bits); `tests/test_blas.py` checks that the entities are
identical. Where no suitable library is found the pipeline keeps `NumpyOps` (logged at debug
level).
"""

from __future__ import annotations

import ctypes
import logging
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops

log = logging.getLogger(__name__)
# cblas_saxpy under the names the OpenBLAS builds of SciPy and of plain systems export;
# the ILP64 builds (NumPy's, suffix "64_") take 64-bit integers and must not be used.
SAXPY_SYMBOLS = ("scipy_cblas_saxpy", "cblas_saxpy")


def _capsule_pointer(module, name: str) -> int:
    capsule = module.__pyx_capi__[name]
    get_name = ctypes.pythonapi.PyCapsule_GetName
    get_name.restype, get_name.argtypes = ctypes.c_char_p, [ctypes.py_object]
    get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    get_pointer.restype, get_pointer.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_char_p]
    return get_pointer(capsule, get_name(capsule))


def _openblas_libraries() -> list[str]:
    import scipy.linalg  # noqa: F401  (loads SciPy's OpenBLAS)
    from threadpoolctl import threadpool_info

    return [info["filepath"] for info in threadpool_info() if info.get("internal_api") == "openblas"]


@lru_cache(maxsize=1)
def _saxpy_setter() -> tuple[object, int] | None:
    """thinc's `set_saxpy` and the address of an LP64 `cblas_saxpy`, or None."""
    try:
        import thinc.backends.cblas as thinc_cblas

        set_saxpy = ctypes.PYFUNCTYPE(None, ctypes.py_object, ctypes.c_void_p)(
            _capsule_pointer(thinc_cblas, "set_saxpy"))
        for path in _openblas_libraries():
            if "64_" in path.rsplit("/", 1)[-1]:
                continue
            library = ctypes.CDLL(path)
            for symbol in SAXPY_SYMBOLS:
                if hasattr(library, symbol):
                    return set_saxpy, ctypes.cast(getattr(library, symbol), ctypes.c_void_p).value
    except (ImportError, AttributeError, KeyError, OSError, ValueError) as exc:
        log.debug("OpenBLAS saxpy not available: %s", exc)
    return None


class OpenBlasOps(NumpyOps):
    """`NumpyOps` with OpenBLAS for `gemm` and for the C-level `saxpy`."""

    name = "openblas"

    def cblas(self):
        table = super().cblas()
        setter = _saxpy_setter()
        if setter is not None:
            set_saxpy, address = setter
            set_saxpy(table, address)
        return table

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        if x.dtype != numpy.float32 or y.dtype != numpy.float32:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def available() -> bool:
    return _saxpy_setter() is not None


@contextmanager
def openblas_ops() -> Iterator[None]:
    """Models built inside this block compute with `OpenBlasOps` (when OpenBLAS is there)."""
    if not available():
        yield
        return
    previous = get_current_ops()
    set_current_ops(OpenBlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)
