"""Hostile values for fuzzing every form: what a careless or malicious client may send.

Each strategy draws the strings a browser could put in a POST or a query string. ``MARKER`` is
an HTML tag that must never reach a page unescaped.
"""

import functools

from hypothesis import strategies as st

from demo import files

MARKER = "<script>fuzz(1)</script>"

_HOSTILE_TEXTS = [
    MARKER,
    f'"><img src=x onerror=alert(1)>{MARKER}',
    "'; DROP TABLE casework_case; --",
    "1 OR 1=1",
    "%s %d %(name)s {0} {{ request }} {% debug %}",
    "\x00",
    "före\x00efter",
    "rad ett\r\nrad två\rrad tre",
    "\t\x0b\x0c\x1b[31m\x7f",
    "\u202eknirp\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "日本語のテキスト",
    "Ünïcödé – åäö ÅÄÖ",
    "😀👩‍👩‍👧‍👦🇸🇪",
    "\ud7ff\ufeff\u200b",
    " ",
    "a" * 10_000,
    "å" * 301,
    "../../etc/passwd",
    "javascript:alert(1)",
]

hostile_text = st.one_of(
    st.sampled_from(_HOSTILE_TEXTS),
    st.text(max_size=60),  # any code point, incl. control characters and other scripts
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=6000),
    st.builds(lambda a, b: a + MARKER + b, st.text(max_size=20), st.text(max_size=20)),
)

amount = st.one_of(
    st.sampled_from(
        [
            "-1",
            "-0.01",
            "0",
            "0.001",
            "1e3",
            "1E308",
            "-1e308",
            "NaN",
            "sNaN",
            "Infinity",
            "-Inf",
            "1" * 40,
            "99999999999999999999.99",
            "12 000",
            "12,50",
            "1.2.3",
            "kr",
            "",
            "0x10",
            "١٢٣",  # Arabic-Indic digits
            "１２３",  # full-width digits
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    hostile_text,
)

date = st.one_of(
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "-2026-01-01",
            "1900-01-01",
            "2100-01-01",
            "31/12/2026",
            "2026-1-1",
            "today",
            "",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
    hostile_text,
)

integer = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["", "1.5", "1e5", "-0", "9" * 30, "0x1F"]),
    hostile_text,
)

# A foreign or impossible object id: one that belongs to nobody, or is not a number at all.
object_id = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "0", "-1", "9223372036854775808", "1; DROP TABLE x", "[1]"]),
    hostile_text,
)

choice = st.one_of(
    st.sampled_from(["", "None", "__all__", "approved ", "APPROVED", "0", "-1"]), hostile_text
)

boolean = st.sampled_from(["on", "off", "", "true", "false", "0", "1", "\x00", "yes" * 100])

# Swedish organisation numbers that fail the Luhn check, are too short or too long, or are junk.
organisation_number = st.one_of(
    st.sampled_from(
        [
            "802000-0000",
            "802000-0001",
            "556036-0794",
            "000000-0000",
            "80200-00000",
            "8020000000000",
            "802000–0005",
            "802000 0005",
            "ABCDEF-GHIJ",
            "",
        ]
    ),
    st.integers(min_value=0, max_value=10**12).map(str),
    hostile_text,
)

# Bankgiro (7–8 digits, Luhn) and plusgiro (2–8 digits, Luhn) numbers that fail their checks.
giro_number = st.one_of(
    st.sampled_from(["5050-1054", "5050-1056", "123-4567", "1234", "0", "99999999999", "4-1"]),
    st.integers(min_value=0, max_value=10**11).map(str),
    hostile_text,
)

# Hostile text a form should accept, store and show escaped: markup, SQL, other scripts, emoji,
# format strings and line breaks, in a length every text field takes.
acceptable_text = st.sampled_from(
    [
        MARKER,
        f"Fotboll {MARKER} för unga",
        "'; DROP TABLE casework_case; --",
        "%s %(name)s {0} {{ request }} {% debug %}",
        "rad ett\r\nrad två",
        "مرحبا بالعالم",
        "\u202eknirp\u202c",
        "日本語 😀👩‍👩‍👧‍👦🇸🇪",
        "Ünïcödé – åäö ÅÄÖ & <b>fet</b>",
    ]
)

# The kind of value each form field takes; tests say which kind each field is.
BY_KIND = {
    "text": hostile_text,
    "amount": amount,
    "date": date,
    "integer": integer,
    "id": object_id,
    "choice": choice,
    "bool": boolean,
    "org_number": organisation_number,
    "giro": giro_number,
}


def form_data(valid: dict, kinds: dict):
    """A POST body: the ``valid`` values with some fields replaced by hostile ones.

    ``kinds`` maps each field to a key of ``BY_KIND``. Half the examples replace any subset of
    fields with anything (and may leave a field out); the other half replace only text fields,
    with text the form should accept, store, and show escaped.
    """
    replaced = {name: st.one_of(st.just(None), BY_KIND[kind]) for name, kind in kinds.items()}
    texts = {
        name: st.one_of(st.just(None), acceptable_text)
        for name, kind in kinds.items()
        if kind == "text" and name in valid
    }

    def build(values, omitted):
        data = dict(valid)
        for name, value in values.items():
            if value is not None:
                data[name] = value
        for name in omitted:
            data.pop(name, None)
        return data

    return st.one_of(
        st.builds(
            build,
            st.fixed_dictionaries(replaced),
            st.sets(st.sampled_from(sorted(valid)), max_size=2) if valid else st.just(set()),
        ),
        st.builds(build, st.fixed_dictionaries(texts), st.just(set())),
    )


# Uploads ----------------------------------------------------------------------------------

_SUFFIXES = [
    ".pdf",
    ".PDF",
    ".png",
    ".jpg",
    ".jpeg",
    ".docx",
    ".xlsx",
    ".odt",
    ".exe",
    ".html",
    ".pdf.exe",
    ".exe.pdf",
    "",
    ".",
]

# File names as a client may send them: path parts, control characters, markup, reserved device
# names, other scripts, and names longer than any file system takes.
_HOSTILE_FILE_NAMES = [
    "budget.pdf",
    "../../etc/passwd.pdf",
    "..\\..\\windows\\system32\\budget.pdf",
    "/etc/passwd",
    "C:\\fakepath\\budget.pdf",
    "~/.ssh/id_rsa.pdf",
    "budget.pdf\x00.exe",
    "bud\x00get.pdf",
    "\x1b[31mbudget.pdf",
    "bud\tget\x0b.pdf",
    "budget\r\n.pdf",
    'bud"get.pdf',
    "budget.pdf;.exe",
    f"{MARKER}.pdf",
    "CON.pdf",
    "nul",
    ".pdf",
    ".",
    "..",
    "...",
    " ",
    "$$$",
    "%2e%2e%2fbudget.pdf",
    "&#47;etc&#47;budget.pdf",
    "\u202efdp.exe",
    "budget\u202egpj.pdf",
    "بودجه.pdf",
    "予算.pdf",
    "😀👩‍👩‍👧‍👦.pdf",
    "budget.pdf ",
    "budget. pdf",
    "a" * 251 + ".pdf",
    "å" * 251 + ".pdf",
    "日" * 250 + ".docx",
    "/" * 50 + "budget.pdf",
]
# The longest name a file system holds (NTFS: 255 UTF-16 units; ext4: 255 bytes). A longer one
# cannot come from a real file; Django refuses its request as a bad request.
LONGEST_FILE_NAME = 255


def _file_name(stem: str, suffix: str) -> str:
    units = 0
    for index, char in enumerate(stem):
        units += len(char.encode("utf-16-le")) // 2
        if units > LONGEST_FILE_NAME - len(suffix):
            return stem[:index] + suffix
    return stem + suffix


def kept_by_django(name: str) -> bool:
    """Whether Django keeps an uploaded file's part under this name. A name it cleans to nothing
    (".", "..", a trailing path separator, only control characters) names no file on any file
    system; Django skips such a part, and stumbles over its content when that is longer than a
    part's headers may be (a 400 Bad Request before any view runs)."""
    from django.http.multipartparser import MultiPartParser

    return bool(MultiPartParser.sanitize_file_name(MultiPartParser, name))


file_name = st.one_of(
    st.sampled_from(_HOSTILE_FILE_NAMES),
    st.builds(_file_name, st.text(max_size=40), st.sampled_from(_SUFFIXES)),
    st.builds(
        _file_name,
        st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=300),
        st.sampled_from(_SUFFIXES),
    ),
)


def _zip(parts: dict[str, bytes], compression=0) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


@functools.cache
def _zip_bomb() -> bytes:
    """A Word document with one member of zeros that unpacks to 101 MB (about 100 kB packed)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/big.bin", "w") as member:
            for _ in range(101):
                member.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


_DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
_FILE_CONTENTS = [
    files.pdf("budget"),
    b"%PDF-1.4\n<script>fuzz(1)</script>",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    _zip(_DOCX),
    _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
    _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    _zip({"a.txt": b"not an office document"}),
    b"PK\x03\x04 a broken archive",
    b"MZ\x90\x00\x03 an executable",
    b"<html><script>fuzz(1)</script></html>",
    b"",
    b"\x00" * 100,
]

# What a file holds: allowed types, the wrong type behind a right name, empty, random bytes,
# a zip bomb and one byte over the size limit (both built only when drawn).
file_content = st.one_of(
    st.sampled_from(_FILE_CONTENTS),
    st.binary(max_size=2000),
    st.just("zip bomb").map(lambda _: _zip_bomb()),
    st.just("oversized").map(lambda _: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)),
)

# One uploaded file: (the name the client sends, its content). A browser sends an empty name
# only for a file input left empty, and then sends no content either.
upload = st.one_of(st.tuples(file_name.filter(kept_by_django), file_content), st.just(("", b"")))
