"""Hostile values for fuzzing every form: what a careless or malicious client may send.

Each strategy draws the strings a browser could put in a POST or a query string. ``MARKER`` is
an HTML tag that must never reach a page unescaped.
"""

from hypothesis import strategies as st

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
    st.sampled_from([
        "-1", "-0.01", "0", "0.001", "1e3", "1E308", "-1e308", "NaN", "sNaN", "Infinity", "-Inf",
        "1" * 40, "99999999999999999999.99", "12 000", "12,50", "1.2.3", "kr", "", "0x10",
        "١٢٣",  # Arabic-Indic digits
        "１２３",  # full-width digits
    ]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    hostile_text,
)

date = st.one_of(
    st.sampled_from([
        "2026-02-30", "2026-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01",
        "-2026-01-01", "1900-01-01", "2100-01-01", "31/12/2026", "2026-1-1", "today", "",
    ]),
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
    st.sampled_from(["", "None", "__all__", "approved ", "APPROVED", "0", "-1"]), hostile_text)

boolean = st.sampled_from(["on", "off", "", "true", "false", "0", "1", "\x00", "yes" * 100])

# Swedish organisation numbers that fail the Luhn check, are too short or too long, or are junk.
organisation_number = st.one_of(
    st.sampled_from([
        "802000-0000", "802000-0001", "556036-0794", "000000-0000", "80200-00000",
        "8020000000000", "802000–0005", "802000 0005", "ABCDEF-GHIJ", "",
    ]),
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
acceptable_text = st.sampled_from([
    MARKER,
    f"Fotboll {MARKER} för unga",
    "'; DROP TABLE casework_case; --",
    "%s %(name)s {0} {{ request }} {% debug %}",
    "rad ett\r\nrad två",
    "مرحبا بالعالم",
    "\u202eknirp\u202c",
    "日本語 😀👩‍👩‍👧‍👦🇸🇪",
    "Ünïcödé – åäö ÅÄÖ & <b>fet</b>",
])

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
    replaced = {
        name: st.one_of(st.just(None), BY_KIND[kind]) for name, kind in kinds.items()
    }
    texts = {
        name: st.one_of(st.just(None), acceptable_text)
        for name, kind in kinds.items() if kind == "text" and name in valid
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
