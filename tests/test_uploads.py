"""Uploaded files are untrusted: checked by content, limited in size, stored under generated
names, never unpickled (nlp/uploads.py)."""

from __future__ import annotations

import pickle

import pytest
from helpers import pdf_from_text

from nlp.readers import ReadError, read_bytes
from nlp.uploads import MAX_UPLOAD_BYTES, check_upload, display_name, keep_upload


@pytest.fixture
def uploads(tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    monkeypatch.setenv("REFERAT_UPLOADS", str(folder))
    return folder


@pytest.mark.parametrize("name, shown", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\system.ini", "system.ini"),
    ("/absolute/referat.pdf", "referat.pdf"),
    ("referat <script>alert(1)</script>.pdf", "script_.pdf"),
    ("Beskæftigelsesudvalget 2021.pdf", "Beskæftigelsesudvalget 2021.pdf"),
    ("..", "upload"),
    ("", "upload"),
])
def test_display_name_keeps_no_folders_or_markup(name, shown):
    assert display_name(name) == shown
    assert "/" not in display_name(name) and "<" not in display_name(name)


def test_an_upload_is_stored_under_its_content_hash_inside_the_uploads_folder(uploads):
    data = pdf_from_text("Punkt 1. Godkendelse af dagsorden\nBeslutning\nGodkendt.")
    path = keep_upload(data, check_upload(data, "../../../../tmp/evil.pdf"))
    assert path.parent == uploads and path.read_bytes() == data
    assert path.suffix == ".pdf" and len(path.stem) == 64 and "evil" not in path.name
    assert keep_upload(data, "pdf") == path  # the same file again is not stored twice
    assert len(list(uploads.iterdir())) == 1


def test_the_format_is_decided_by_content_not_name():
    assert check_upload(b"<html><body><p>Referat</p></body></html>", "referat.pdf") == "html"
    with pytest.raises(ReadError) as error:
        check_upload(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50, "referat.pdf")  # a Windows program
    assert error.value.code == "binary"


def test_an_upload_over_the_limit_is_refused_in_danish():
    with pytest.raises(ReadError) as error:
        check_upload(b"a" * (MAX_UPLOAD_BYTES + 1), "stor.txt")
    assert error.value.code == "too_large" and "for stor" in error.value.message


def test_an_empty_upload_is_refused():
    with pytest.raises(ReadError) as error:
        check_upload(b"  \n", "tom.txt")
    assert error.value.code == "empty"


class _Exploit:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):  # unpickling this would create the marker file
        return (open, (self.marker, "w"))


def test_a_pickle_upload_is_never_unpickled(tmp_path, uploads):
    marker = tmp_path / "pwned"
    for protocol in (0, 2, pickle.HIGHEST_PROTOCOL):
        data = pickle.dumps(_Exploit(str(marker)), protocol=protocol)
        try:
            fmt = check_upload(data, "model.joblib")
            read_bytes(data, source="model.joblib")
            keep_upload(data, fmt)
        except ReadError as error:
            assert error.code in {"binary", "empty"}
    assert not marker.exists()
