import pytest

from generator.convert.read import RawFileError, decode_raw, read_raw


def test_utf8_with_bom_and_mixed_line_endings():
    raw = decode_raw("\ufeffFirst line\r\nSecond line\rThird line\n".encode())
    assert raw.text == "First line\nSecond line\nThird line\n"
    assert raw.warnings == ()


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning_naming_the_line():
    raw = decode_raw(b"Fine line\nThe caf\xe9 opened \x93today\x94\n")
    assert raw.text == "Fine line\nThe café opened \u201ctoday\u201d\n"
    assert "Windows-1252" in raw.warnings[0]
    assert "line 2" in raw.warnings[0]


def test_binary_file_is_refused():
    with pytest.raises(RawFileError, match="binary"):
        decode_raw(b"\x89PNG\r\n\x1a\n\x00\x00")


@pytest.mark.parametrize(("data", "reason"), [(b"", "is empty"), (b" \n\t\n", "only whitespace")])
def test_empty_files_are_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(RawFileError, match=reason):
        read_raw(path)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(RawFileError, match="folder"):
        read_raw(tmp_path)
