"""Lines from chunks of bytes: split on b"\\n" only, whatever the chunk boundaries; a long line counted, not kept."""
import tracemalloc

import pytest

from depeche.io.lines import Line, chunks, first_bytes, split_lines

TEXT = "Un\u2028deux\u2029trois\x85quatre\r\nsuite\n\nfin".encode()


def pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, len(TEXT)])
def test_lines_are_the_same_whatever_the_chunks(size):
    got = list(split_lines(pieces(TEXT, size), limit=1000))
    assert [line.data for line in got] == TEXT.split(b"\n")
    assert [line.number for line in got] == [1, 2, 3, 4] and got[0].data.decode() == "Un\u2028deux\u2029trois\x85quatre\r"


def test_a_final_newline_gives_no_empty_line():
    assert [line.data for line in split_lines([b"a\nb\n"], limit=10)] == [b"a", b"b"]
    assert list(split_lines([], limit=10)) == [] and list(split_lines([b""], limit=10)) == []


@pytest.mark.parametrize("size", [1, 4, 100])
def test_a_line_over_the_limit_is_counted_and_the_next_ones_kept(size):
    data = b"court\n" + b"x" * 50 + b"\nencore\n" + b"y" * 11
    got = list(split_lines(pieces(data, size), limit=10))
    assert got == [Line(1, b"court", 5), Line(2, None, 50), Line(3, b"encore", 6), Line(4, None, 11)]


def test_a_line_exactly_at_the_limit_is_kept():
    assert list(split_lines([b"0123456789\n"], limit=10)) == [Line(1, b"0123456789", 10)]


def test_a_long_line_is_never_held_in_memory():
    block = b"z" * (1024 * 1024)

    def stream():
        yield b'{"id": "a"}\n'
        for _ in range(32):  # one 32 MB line, in the same 1 MB block over and over
            yield block
        yield b'\n{"id": "b"}\n'

    tracemalloc.start()
    try:
        got = [(line.number, line.data, line.size) for line in split_lines(stream(), limit=1024 * 1024)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got == [(1, b'{"id": "a"}', 11), (2, None, 32 * 1024 * 1024), (3, b'{"id": "b"}', 11)]
    assert peak < 8 * 1024 * 1024  # a few chunks at most, never the 32 MB line


def test_chunks_read_until_the_end_and_start_with_what_was_read_before():
    data = iter([b"cd", b"ef", b""])
    assert list(chunks(lambda n: next(data), b"ab")) == [b"ab", b"cd", b"ef"]


@pytest.mark.parametrize("data,starts", [
    (b'{"a"}\n\n  {"b"}\n\t[3]\n<p>', [b"{", b"{", b"["]),
    (b'\xef\xbb\xbf {"a"}\n', [b"{"]),
    (b" \n\r\n", []),
    (b'{"a": "x\xe2\x80\xa8{"}', [b"{"]),  # U+2028 starts no line
])
def test_first_bytes_of_the_lines(data, starts):
    assert first_bytes(data) == starts
