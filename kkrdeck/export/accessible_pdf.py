"""Files to send: several .pptx converted to tagged PDFs (or notes-page handouts) by one LibreOffice run."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kkrdeck.errors import ExportError
from kkrdeck.export.libreoffice import (_HEADLESS, _finish, _profile_url, _remove_ipc_pipe, _run, _seconds,
                                        _summarise, find_soffice, remove_temp_leftovers, temp_prefix)
from kkrdeck.export.pdf_options import locale_environment, pdf_filter
from kkrdeck.i18n import _

@dataclass(frozen=True)
class Job:
    """One conversion: the .pptx to read, where its PDF goes, its page count, and the name shown in messages."""

    pptx: Path
    pdf: Path
    pages: int
    shown: str


def convert(jobs: list[Job], *, handout: bool, language: str, timeout: float = 120) -> None:
    """Convert every job's .pptx with one private LibreOffice started once (its start is most of the time).

    Each PDF is checked (a PDF, the expected pages) and moved into place atomically; on the first problem an
    ExportError is raised and the PDFs not yet moved are not written."""
    if not jobs:
        return
    soffice = find_soffice()
    remove_temp_leftovers()
    with tempfile.TemporaryDirectory(prefix=temp_prefix("pdf"), ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        profile = _profile_url(work / "profile")
        (work / "in").mkdir()
        (work / "tmp").mkdir()
        staged = []
        for n, job in enumerate(jobs, start=1):
            copy = work / "in" / f"deck-{n}.pptx"  # plain names: the PDF's name is known, odd names cannot confuse
            try:
                shutil.copyfile(job.pptx, copy)
            except OSError as err:
                raise ExportError(_("Could not read {file}: {reason}.").format(file=job.shown,
                                                                             reason=err.strerror)) from err
            staged.append(copy)
        what = _("handouts") if handout else "PDF"
        try:
            result = _run([str(soffice), f"-env:UserInstallation={profile}", *_HEADLESS,
                           "--convert-to", pdf_filter(handout), "--outdir", str(work / "out"), *map(str, staged)],
                          timeout=timeout * len(jobs), env={**os.environ, **locale_environment(language), "TMPDIR": str(work / "tmp")},
                          what=_("LibreOffice took longer than {time} to convert {names} to {what}").format(
                              time=_seconds(timeout * len(jobs)), names=", ".join(j.shown for j in jobs), what=what))
        finally:
            _remove_ipc_pipe(profile)
        said = _summarise(result.stdout + "\n" + result.stderr, result.returncode)
        for copy, job in zip(staged, jobs):
            _finish(work / "out" / f"{copy.stem}.pdf", job.shown, job.pdf, job.pages, said)
