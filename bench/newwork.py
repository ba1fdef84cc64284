"""The new work of this turn, each against a named anchor, in-process on the bench database
(``python -m bench.newwork [--runs N]``, run by ``bench.run``): CPU medians (``process_time``)
of the two measured alternating, run by run; prints JSON rows for the table.

- a seal on an agreement (``document_sign_electronically``: the digest, the signing service, the
  validation of the result, the signing's record; rolled back each run) against pyHanko signing
  the same PDF with the same key and time stamp authority, and nothing else;
- the E-ARK package of the case page's case (10 documents, ``earchive.package``) against a tar of
  the same files read from the same storage;
- the association directory's search over 1,000 published profiles
  (``cooperation.selectors.directory.published_profiles``, made here and rolled back) against a
  plain ``icontains`` query on the organisations' names.

An OIDC login round trip is not measured here: the local provider (``identity/provider``, Node)
would have to run beside gunicorn; see bench/README.md.
"""

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _alternate(ours, anchor, runs: int) -> tuple[float, float]:
    """CPU medians in ms of ``ours`` and ``anchor``, each run once before (warm) and then in
    turn."""
    ours(), anchor()
    times = {"ours": [], "anchor": []}
    for _ in range(runs):
        for label, call in (("ours", ours), ("anchor", anchor)):
            started = time.process_time()
            call()
            times[label].append((time.process_time() - started) * 1000)
    return statistics.median(times["ours"]), statistics.median(times["anchor"])


class _Rollback(Exception):
    pass


def _rolled_back(call):
    """``call`` in a transaction that is always rolled back (the database stays as it was)."""
    from django.db import transaction  # noqa: PLC0415 - Django is set up in main()

    def run():
        try:
            with transaction.atomic():
                call()
                raise _Rollback
        except _Rollback:
            pass

    return run


def seal(runs: int) -> dict:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415

    from documents.models import Document  # noqa: PLC0415
    from documents.signing import local, pki  # noqa: PLC0415
    from documents.signing.services import document_sign_electronically  # noqa: PLC0415

    document = (
        Document.objects.filter(kind="iop_agreement", signings__isnull=True)
        .exclude(file="")
        .order_by("-pk")
        .first()
    )
    with document.file.open("rb") as stored:
        pdf = stored.read()
    signer = signers.SimpleSigner(
        signing_cert=pki.cert("seal"), signing_key=pki.private_key("seal"), cert_registry=None
    )

    def ours():
        document_sign_electronically(
            document=document, acting_user=document.created_by, party="bench", seal=True
        )

    def anchor():
        signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)),
            signers.PdfSignatureMetadata(field_name="Seal"),
            signer=signer,
            timestamper=local.timestamper(),
        )

    mine, theirs = _alternate(_rolled_back(ours), anchor, runs)
    return {"figure": "seal on an agreement", "ours": mine, "anchor": theirs,
            "anchor_name": "pyHanko signing the same PDF"}  # fmt: skip


def export(runs: int, case_number: str) -> dict:
    from django.utils import timezone  # noqa: PLC0415

    from casework.models import Case  # noqa: PLC0415
    from earchive import package  # noqa: PLC0415

    case = Case.objects.get(case_number=case_number)
    documents = list(case.documents.exclude(file=""))
    result = {}

    def ours():
        package.tar(package.build(case, created=timezone.now()))

    def anchor():
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w") as tar:
            for document in documents:
                with document.file.open("rb") as stored:
                    data = stored.read()
                info = tarfile.TarInfo(f"{document.pk}.pdf")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))

    def measure():
        # Only a closed case is packaged: closed here, in a transaction rolled back.
        case.closed_at = timezone.now()
        case.save(update_fields=["closed_at"])
        mine, theirs = _alternate(ours, anchor, runs)
        result.update(figure=f"E-ARK export of a case with {len(documents)} documents",
                      ours=mine, anchor=theirs, anchor_name="a tar of the same files")  # fmt: skip

    _rolled_back(measure)()
    return result


def directory(runs: int) -> dict:
    from cooperation.models.directory import DirectoryProfile  # noqa: PLC0415
    from cooperation.selectors.directory import published_profiles  # noqa: PLC0415
    from organisations.models import Organisation  # noqa: PLC0415

    result = {}

    def measure():
        organisations = list(Organisation.objects.order_by("pk")[:1000])
        for organisation in organisations:
            DirectoryProfile(
                organisation=organisation,
                what_we_do="Fotboll, läxhjälp och sommarläger för unga i Malmö.",
                is_published=True,
            ).save()
        word = "läger"

        def ours():
            list(published_profiles(text=word)[:25])

        def anchor():
            list(Organisation.objects.filter(name__icontains="förening 9")[:25])

        mine, theirs = _alternate(ours, anchor, runs)
        result.update(
            figure=f"directory search over {len(organisations)} organisations",
            ours=mine,
            anchor=theirs,
            anchor_name="a plain icontains query",
        )

    _rolled_back(measure)()
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--dataset", required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    sys.path.insert(0, str(ROOT))
    # The seal writes its PDF to storage, which no rollback takes back: a copy of the files.
    scratch = tempfile.mkdtemp(prefix="bench-newwork-")
    files = os.environ.get("PRIVATE_MEDIA_ROOT", str(ROOT / "var" / "bench-private"))
    shutil.copytree(files, scratch, dirs_exist_ok=True)
    os.environ["PRIVATE_MEDIA_ROOT"] = scratch
    import django  # noqa: PLC0415

    django.setup()
    from documents.signing import pki  # noqa: PLC0415

    people = json.loads(Path(args.dataset).read_text())["people"]
    rows = []
    for name, call in (
        ("seal", lambda: seal(args.runs)),
        ("export", lambda: export(args.runs, people["case_page"])),
        ("directory", lambda: directory(args.runs)),
    ):
        try:
            if name == "seal":
                pki.pki_init()
                with pki.serving():
                    rows.append(call())
            else:
                rows.append(call())
        except Exception as failed:  # noqa: BLE001 - a figure that fails is reported as such
            rows.append({"figure": name, "failed": f"{type(failed).__name__}: {failed}"[:200]})
    shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
