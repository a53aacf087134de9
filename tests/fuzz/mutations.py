"""Damaged PDFs made from the dev corpus, reproducibly: the fuzz cases of issue 12.

Each case is (number, kind, source PDF, seed); `make_case` turns it into bytes, the same
bytes every time. Nothing is stored: `cases(350)` lists the cases and `write_cases`
writes them to a folder. The kinds are what a hostile or unlucky user feeds a PDF tool:

    byte_flips             a few bytes anywhere XOR-ed with random values
    truncation             the file cut short
    broken_xref            startxref, xref offsets or the whole xref table wrong
    broken_stream_length   /Length values of streams wrong
    garbage_content        a page's content stream replaced by random bytes
    empty_content          a page's content stream replaced by an empty one
    zero_length_content    a Flate content stream with no bytes (undecodable)
    missing_content        a page's /Contents pointing to an object that is not there
    decompression_bomb     a content stream that inflates to gigabytes
    deep_nesting           100,000-deep arrays or dictionaries in content or page
    page_tree_loop         /Kids pointing back up the page tree
    nan_coordinates        numbers in a content stream made NaN-like or overflowing
    broken_tounicode       fonts' ToUnicode maps garbled, cut or emptied
    many_pages             thousands of pages (sharing their content)

    python tests/fuzz/mutations.py OUT_FOLDER [--count 350] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdf
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
)

#: the seed every case number is added to: change it and every case changes
BASE_SEED = 20_250_612

#: how many of each kind in a run of 350 (a smaller run keeps the same proportions)
KIND_WEIGHTS: dict[str, int] = {
    "byte_flips": 35,
    "truncation": 30,
    "broken_xref": 25,
    "broken_stream_length": 25,
    "garbage_content": 30,
    "empty_content": 20,
    "zero_length_content": 20,
    "missing_content": 20,
    "decompression_bomb": 20,
    "deep_nesting": 20,
    "page_tree_loop": 25,
    "nan_coordinates": 30,
    "broken_tounicode": 35,
    "many_pages": 15,
}
KINDS = tuple(KIND_WEIGHTS)


@dataclass(frozen=True)
class Case:
    """One damaged PDF: made from `source` by the mutation `kind` with `seed`."""

    number: int
    kind: str
    source: Path
    seed: int

    @property
    def name(self) -> str:
        return f"{self.number:03d}-{self.kind}-{self.source.stem}.pdf"


def dev_sources(shared: Path) -> list[Path]:
    sources = sorted((shared / "corpus" / "dev").glob("*.pdf"))
    if not sources:
        raise SystemExit(f"no PDFs in {shared / 'corpus' / 'dev'}")
    return sources


def cases(shared: Path, count: int = 350) -> list[Case]:
    """`count` cases, kinds in the proportions of KIND_WEIGHTS, interleaved so that any
    prefix of the list covers every kind; each case's source is drawn by its seed."""
    sources = dev_sources(shared)
    total = sum(KIND_WEIGHTS.values())
    quota = {kind: max(1, round(weight * count / total)) for kind, weight in KIND_WEIGHTS.items()}
    order: list[str] = []
    while len(order) < count and any(quota.values()):
        for kind in KINDS:
            if quota[kind] and len(order) < count:
                order.append(kind)
                quota[kind] -= 1
    out = []
    for number, kind in enumerate(order):
        seed = BASE_SEED + number
        out.append(Case(number, kind, random.Random(seed).choice(sources), seed))
    return out


def make_case(case: Case) -> bytes:
    """The damaged PDF's bytes (the same for the same case, on any machine)."""
    rng = random.Random(case.seed)
    return MUTATIONS[case.kind](case.source.read_bytes(), rng)


def write_cases(selected: list[Case], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in selected:
        path = folder / case.name
        path.write_bytes(make_case(case))
        paths.append(path)
    return paths


# ------------------------------------------------------------------ byte-level damage


def byte_flips(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
    return bytes(out)


def truncation(data: bytes, rng: random.Random) -> bytes:
    return data[: max(16, int(len(data) * rng.uniform(0.05, 0.995)))]


def broken_xref(data: bytes, rng: random.Random) -> bytes:
    variant = rng.choice(("startxref", "offsets", "no_table"))
    if variant == "startxref":
        found = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
        bad = str(rng.choice((0, 1, rng.randrange(len(data)), len(data) * 3))).encode()
        return data[: found.start(1)] + bad + data[found.end(1) :]
    if variant == "offsets":

        def shift(match: re.Match[bytes]) -> bytes:
            if rng.random() > 0.4:
                return match.group(0)
            offset = max(0, int(match.group(1)) + rng.randint(-400, 400))
            return b"%010d" % offset + match.group(2)

        return re.sub(rb"(\d{10})( \d{5} n)", shift, data)
    start = data.rfind(b"xref")
    end = data.find(b"trailer", start)
    if start < 0 or end < 0:
        return byte_flips(data, rng)
    return data[:start] + b" " * (end - start) + data[end:]


def broken_stream_length(data: bytes, rng: random.Random) -> bytes:
    def change(match: re.Match[bytes]) -> bytes:
        if rng.random() > 0.5:
            return match.group(0)
        length = int(match.group(1))
        new = rng.choice((0, 1, length // 2, length + rng.randint(1, 200), 10**9))
        return b"/Length " + str(new).encode()

    changed = re.sub(rb"/Length (\d+)(?! 0 R)", change, data)
    return changed if changed != data else byte_flips(data, rng)


# ------------------------------------------------------------------ structural damage


def _writer(data: bytes) -> pypdf.PdfWriter:
    return pypdf.PdfWriter(clone_from=io.BytesIO(data))


def _bytes(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def _pick_pages(data: bytes, rng: random.Random) -> list[int]:
    """Some pages (0-based), now and then all of them (the file as a whole is lost)."""
    count = _page_count(data)
    if rng.random() < 0.2:
        return list(range(count))  # every page: the file as a whole is unreadable
    return sorted(rng.sample(range(count), rng.randint(1, max(1, min(3, count)))))


def _stream(payload: bytes, flate: bool) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(payload)
    return stream.flate_encode() if flate else stream


def _raw_flate(payload: bytes) -> StreamObject:
    """A stream that claims /FlateDecode and holds `payload` as its raw bytes."""
    stream = DecodedStreamObject()
    stream.set_data(payload)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    return stream


def set_page_contents(data: bytes, pages: Sequence[int], payload: bytes, encoding: str) -> bytes:
    """Each page (0-based) of `pages` gets one content stream holding `payload`: as is
    ("raw"), deflated ("flate"), or as is under a /FlateDecode it cannot pass
    ("claims_flate")."""
    writer = _writer(data)
    for index in pages:
        if encoding == "claims_flate":
            stream = _raw_flate(payload)
        else:
            stream = _stream(payload, flate=encoding == "flate")
        writer.pages[index][NameObject("/Contents")] = writer._add_object(stream)
    return _bytes(writer)


def drop_page_contents(data: bytes, pages: Sequence[int]) -> bytes:
    """Each page of `pages` gets a /Contents reference to an object that does not exist."""
    writer = _writer(data)
    for index in pages:
        missing = IndirectObject(len(writer._objects) + 1000 + index, 0, writer)
        writer.pages[index][NameObject("/Contents")] = missing
    return _bytes(writer)


def garbage_content(data: bytes, rng: random.Random) -> bytes:
    pages = _pick_pages(data, rng)
    junk = rng.randbytes(rng.randint(200, 20_000))
    return set_page_contents(data, pages, junk, rng.choice(("raw", "flate", "claims_flate")))


def empty_content(data: bytes, rng: random.Random) -> bytes:
    payload = rng.choice((b"", b" \n", b"\r\n\t"))
    return set_page_contents(data, _pick_pages(data, rng), payload, rng.choice(("raw", "flate")))


def zero_length_content(data: bytes, rng: random.Random) -> bytes:
    return set_page_contents(data, _pick_pages(data, rng), b"", "claims_flate")


def missing_content(data: bytes, rng: random.Random) -> bytes:
    return drop_page_contents(data, _pick_pages(data, rng))


@cache
def _zeros_deflated(megabytes: int) -> bytes:
    """A zlib stream of `megabytes` MB of zero bytes (about 1,000:1), made at once: one
    deflated megabyte ends in a full flush, so it stands alone and can be repeated; the
    Adler-32 of n zero bytes is (n mod 65521) << 16 | 1."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = ((megabytes << 20) % 65521) << 16 | 1
    return b"\x78\xda" + block * megabytes + packer.flush() + checksum.to_bytes(4, "big")


def add_bomb(
    data: bytes, page: int, *, double: bool, position: int = 0, megabytes: int = 0
) -> bytes:
    """Page `page` (0-based) gets one more content stream, at `position` among its
    streams, that inflates to gigabytes: deflated once (2.3 GB in 2.3 MB, as in the
    issue) or twice (8 GB in 20 KB); `megabytes` sets another size."""
    writer = _writer(data)
    if double:
        bomb = _raw_flate(zlib.compress(_zeros_deflated(megabytes or 8192), 9))
        bomb[NameObject("/Filter")] = ArrayObject(
            [NameObject("/FlateDecode"), NameObject("/FlateDecode")]
        )
    else:
        bomb = _raw_flate(_zeros_deflated(megabytes or 2300))
    target = writer.pages[page]
    existing = target.raw_get("/Contents")  # the reference: a stream must stay indirect
    resolved = existing.get_object()
    contents = list(resolved) if isinstance(resolved, ArrayObject) else [existing]
    contents.insert(min(position, len(contents)), writer._add_object(bomb))
    target[NameObject("/Contents")] = ArrayObject(contents)
    return _bytes(writer)


def decompression_bomb(data: bytes, rng: random.Random) -> bytes:
    page = rng.randrange(_page_count(data))
    return add_bomb(data, page, double=rng.random() >= 0.5, position=rng.randint(0, 1))


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((1_000, 10_000, 100_000))
    opener, closer = rng.choice(((b"[", b"]"), (b"<< /A ", b">>")))
    nested = opener * depth + b"0" + closer * depth
    writer = _writer(data)
    index = rng.randrange(len(writer.pages))
    page = writer.pages[index]
    if rng.random() < 0.5:  # in the content stream, before the page's own content
        original = page.get_contents()
        body = original.get_data() if original is not None else b""
        page[NameObject("/Contents")] = writer._add_object(
            _stream(nested + b" pop\n" + body, flate=True)
        )
        return _bytes(writer)
    # in the page dictionary: pypdf cannot hold that depth, so it is spliced into the bytes
    marker = b"/PlanparseFuzz 0"
    page[NameObject("/PlanparseFuzz")] = NumberObject(0)
    written = _bytes(writer)
    return written.replace(marker, b"/PlanparseFuzz " + nested, 1)


def loop_page_tree(data: bytes, variant: str, position: int) -> bytes:
    """A loop in the page tree: the root listed among its own kids at `position`
    ("self_kid", no page lost), the kid at `position` replaced by the root
    ("kid_replaced", that page lost), or a node whose kids lead back to it and to the
    root inserted at `position` ("two_nodes")."""
    writer = _writer(data)
    root = writer._root_object["/Pages"].get_object()
    kids = root["/Kids"]
    if variant == "self_kid":
        kids.insert(position, root.indirect_reference)
    elif variant == "kid_replaced":
        kids[position] = root.indirect_reference
    else:
        node = DictionaryObject({NameObject("/Type"): NameObject("/Pages")})
        reference = writer._add_object(node)
        node[NameObject("/Kids")] = ArrayObject([reference, root.indirect_reference])
        node[NameObject("/Count")] = NumberObject(1)
        node[NameObject("/Parent")] = root.indirect_reference
        kids.insert(position, reference)
    return _bytes(writer)


def page_tree_loop(data: bytes, rng: random.Random) -> bytes:
    count = _page_count(data)
    variant = rng.choice(("self_kid", "kid_replaced", "two_nodes"))
    position = rng.randrange(count) if variant == "kid_replaced" else rng.randint(0, count)
    return loop_page_tree(data, variant, position)


_NUMBER = re.compile(rb"(?<![\w/.])-?\d+(?:\.\d+)?(?![\w.])")
#: what numbers are replaced by: not numbers, or numbers whose products overflow a float
#: (1e300 x 1e300 is inf, and inf - inf is NaN)
POISON = (b"NaN", b"nan", b"Infinity", b"-inf", b"1" + b"0" * 400, b"9" * 320 + b".5")


def poison_numbers(data: bytes, pages: Sequence[int], share: float, rng: random.Random) -> bytes:
    """A `share` of the numbers in each page's content made NaN-like or overflowing."""
    writer = _writer(data)
    for index in pages:
        contents = writer.pages[index].get_contents()
        if contents is None:
            continue
        body = _NUMBER.sub(
            lambda m: rng.choice(POISON) if rng.random() < share else m.group(0),
            contents.get_data(),
        )
        writer.pages[index][NameObject("/Contents")] = writer._add_object(_stream(body, True))
    return _bytes(writer)


def nan_coordinates(data: bytes, rng: random.Random) -> bytes:
    return poison_numbers(data, _pick_pages(data, rng), rng.choice((0.01, 0.05, 0.3)), rng)


def _tounicode_maps(writer: pypdf.PdfWriter) -> list[StreamObject]:
    maps = []
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in fonts.get_object().values() if fonts is not None else ():
            font = font.get_object()
            if "/ToUnicode" in font:
                maps.append(font["/ToUnicode"].get_object())
    return maps


def break_tounicode(data: bytes, variant: str, rng: random.Random, share: float = 1.0) -> bytes:
    """A `share` of the fonts' ToUnicode maps garbled ("garbage"), cut short ("cut"),
    emptied ("empty"), given invalid hex ("bad_hex") or undecodable ("raw_flate_junk")."""
    writer = _writer(data)
    maps = _tounicode_maps(writer)
    for cmap in rng.sample(maps, max(1, round(share * len(maps)))) if maps else ():
        text = cmap.get_data()
        if variant == "raw_flate_junk":
            cmap._data = rng.randbytes(64)  # undecodable Flate data
            cmap[NameObject("/Filter")] = NameObject("/FlateDecode")
            continue
        if variant == "garbage":
            text = rng.randbytes(len(text))
        elif variant == "cut":
            text = text[: rng.randrange(max(1, len(text)))]
        elif variant == "empty":
            text = b""
        elif variant == "bad_hex":
            text = re.sub(rb"<[0-9A-Fa-f]+>", lambda m: b"<ZZ" + m.group(0)[3:], text)
        cmap.set_data(text)
    return _bytes(writer)


def broken_tounicode(data: bytes, rng: random.Random) -> bytes:
    if not _tounicode_maps(_writer(data)):  # a scan has no fonts: damage its bytes instead
        return byte_flips(data, rng)
    variant = rng.choice(("garbage", "cut", "empty", "bad_hex", "raw_flate_junk"))
    return break_tounicode(data, variant, rng, share=rng.random())


def more_pages(data: bytes, target: int) -> bytes:
    """`target` pages: new page objects sharing the original pages' content."""
    writer = _writer(data)
    root = writer._root_object["/Pages"].get_object()
    kids = root["/Kids"]
    originals = [kid.get_object() for kid in kids]
    for i in range(target - len(originals)):
        page = originals[i % len(originals)]
        copy = DictionaryObject({NameObject(k): v for k, v in page.items() if k != "/Parent"})
        copy[NameObject("/Parent")] = root.indirect_reference
        kids.append(writer._add_object(copy))
    root[NameObject("/Count")] = NumberObject(len(kids))
    return _bytes(writer)


def many_pages(data: bytes, rng: random.Random) -> bytes:
    return more_pages(data, rng.choice((2_000, 5_000, 10_000)))


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "byte_flips": byte_flips,
    "truncation": truncation,
    "broken_xref": broken_xref,
    "broken_stream_length": broken_stream_length,
    "garbage_content": garbage_content,
    "empty_content": empty_content,
    "zero_length_content": zero_length_content,
    "missing_content": missing_content,
    "decompression_bomb": decompression_bomb,
    "deep_nesting": deep_nesting,
    "page_tree_loop": page_tree_loop,
    "nan_coordinates": nan_coordinates,
    "broken_tounicode": broken_tounicode,
    "many_pages": many_pages,
}
assert set(MUTATIONS) == set(KIND_WEIGHTS)


def one_of_each(shared: Path, count: int = 350) -> Iterator[Case]:
    """The first case of every kind made from a text PDF (OCR'ing a scan takes a minute):
    what the test suite runs."""
    seen: set[str] = set()
    for case in cases(shared, count):
        if case.kind not in seen and ".scanned" not in case.source.name:
            seen.add(case.kind)
            yield case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=350)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[3] / "shared")
    args = parser.parse_args()
    for path in write_cases(cases(args.shared, args.count), args.folder):
        print(path)


if __name__ == "__main__":
    main()
