"""Export stage: turn a finished .pptx into a PDF with LibreOffice, a fresh one or a resident one (watch mode)."""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from pathlib import Path
from types import TracebackType
from typing import IO

from kkrdeck.paths import replace_atomically
from kkrdeck.errors import ExportError, display_path
from kkrdeck.i18n import N_, _, ngettext
from kkrdeck.wording import decimal

# Looked up on PATH first, in this order.
SOFFICE_NAMES: tuple[str, ...] = ("soffice", "libreoffice")

# Where LibreOffice usually lives when it is not on PATH (glob patterns allowed: /opt installs
# carry the version in the folder name). Module-level so tests and packagers can replace it.
SOFFICE_LOCATIONS: tuple[str, ...] = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)

# in English here (tests compare with them); translated where raised
LIBREOFFICE_MISSING = N_(
    "LibreOffice is not installed (needed for PDF and previews) — install it with: "
    "sudo apt-get install libreoffice-impress  (macOS: brew install --cask libreoffice)"
)
POPPLER_MISSING = N_(
    "The {tool} tool is not installed (needed for slide previews) — install it with: "
    "sudo apt-get install poppler-utils  (macOS: brew install poppler)"
)

# Options for every LibreOffice run: no window, no "recover documents?" prompt, no lock-file
# prompt, no start screen. Any dialog would wait forever for a click nobody can make.
_HEADLESS = ("--headless", "--nologo", "--norestore", "--nolockcheck")

# Lines LibreOffice always prints; they say nothing about why a conversion failed.
_NOISE = ("javaldx", "using filter", "Overwriting:", "GraphicsRenderTests")

# How long LibreOffice gets to shut down politely before it is killed.
_SHUTDOWN_GRACE = 5.0

# Windows has no SIGKILL; there os.kill with SIGTERM ends the process outright anyway.
_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


def find_soffice() -> Path:
    """The LibreOffice program: from PATH, else from the usual install locations."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    for pattern in SOFFICE_LOCATIONS:
        # Highest-sorting match first, which is usually the newest of several /opt installs.
        candidates = sorted(glob.glob(pattern), reverse=True) if glob.has_magic(pattern) else [pattern]
        for candidate in candidates:
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return Path(candidate)
    raise ExportError(_(LIBREOFFICE_MISSING))


def pptx_to_pdf(
    pptx: Path, pdf: Path, *, expected_pages: int | None = None, timeout: float = 120, shown: str | None = None
) -> Path:
    """Convert `pptx` to `pdf` with a fresh, private LibreOffice; returns `pdf`.

    The PDF is only written (atomically) when LibreOffice really produced one, and, when
    `expected_pages` is given, only when it has that many pages. Hidden slides are left out
    of PDFs by LibreOffice, so count only visible slides for `expected_pages`. `shown` names
    the deck in messages when `pptx` is a temporary file.
    """
    pptx, pdf = Path(pptx), Path(pdf)
    _check_input(pptx)
    soffice = find_soffice()
    name = shown or display_path(pptx)
    remove_temp_leftovers()
    # ignore_cleanup_errors: a failed conversion must report LibreOffice's problem, not a
    # half-deleted temporary profile.
    with tempfile.TemporaryDirectory(prefix=temp_prefix("pdf"), ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        # A private profile per run: two LibreOffice runs sharing a profile hand their work to
        # each other through it, and the second one can silently produce nothing.
        profile = _profile_url(work / "profile")
        staged = _stage_input(pptx, work)
        outdir = work / "out"
        # LibreOffice's own temporary files go into the work folder too: a stopped conversion leaves none
        (work / "tmp").mkdir()
        try:
            result = _run(
                [str(soffice), f"-env:UserInstallation={profile}", *_HEADLESS,
                 "--convert-to", "pdf", "--outdir", str(outdir), str(staged)],
                timeout=timeout, env={**os.environ, "TMPDIR": str(work / "tmp")},
                what=_too_long(timeout, name),
            )
        finally:
            _remove_ipc_pipe(profile)
        said = _summarise(result.stdout + "\n" + result.stderr, result.returncode)
        return _finish(outdir / f"{staged.stem}.pdf", name, pdf, expected_pages, said)


def pdf_page_count(pdf: Path) -> int:
    """Number of pages in `pdf`."""
    pdf = Path(pdf)
    if not pdf.is_file():
        raise ExportError(_("{file} does not exist, so its pages cannot be counted.").format(
            file=display_path(pdf)))
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        result = _run(
            [pdfinfo, str(pdf)], timeout=60,
            what=_("Reading {file} took longer than {time}").format(file=display_path(pdf), time=_seconds(60)),
        )
        found = re.search(r"^Pages:\s+(\d+)\s*$", result.stdout, re.MULTILINE)
        if result.returncode == 0 and found:
            return int(found.group(1))
        said = _summarise(result.stderr, result.returncode)
        raise ExportError(_("{file} is not a readable PDF{because}.").format(file=display_path(pdf),
                                                                           because=_because(said)))
    # Without poppler, count page objects ourselves. Good enough for the PDFs LibreOffice
    # writes (it does not hide pages in compressed object streams), so PDF export keeps
    # working on machines that only have LibreOffice.
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))
    if pages:
        return pages
    raise ExportError(_(POPPLER_MISSING).format(tool="pdfinfo"))


class Renderer:
    """One headless LibreOffice kept running for repeated conversions (watch mode).

    Starting LibreOffice costs seconds; handing a document to a running one costs a fraction
    of that. Our Python cannot talk to LibreOffice over UNO (Debian ships `uno` only for its
    own python3, as python3-uno), so this uses LibreOffice's own single-instance mechanism
    instead: a second `soffice --convert-to` run with the same profile passes its request to
    the running office through a local pipe, waits for it to finish, and exits. The resident
    office keeps one hidden, empty presentation open, because LibreOffice quits by itself
    once its last document is closed.
    """

    def __init__(self, timeout: float = 120, convert_to: str = "pdf") -> None:
        self.timeout = timeout
        # What `--convert-to` asks for: "pdf", or a PDF filter with options (previews skip
        # image downsampling, which costs a third of a conversion of the default deck).
        self.convert_to = convert_to
        self._lock = threading.Lock()
        self._soffice: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._home: Path | None = None
        self._profile: str = ""
        self._log_path: Path | None = None
        self._finalizer: weakref.finalize | None = None

    @property
    def is_running(self) -> bool:
        """True while the resident LibreOffice is alive."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        """Process id (and process group id) of the resident LibreOffice, if started."""
        return self._proc.pid if self._proc is not None else None

    def start(self) -> None:
        """Start the resident LibreOffice and wait until it has converted a first document."""
        with self._lock:
            self._start()

    def convert(self, pptx: Path, pdf: Path, expected_pages: int | None = None) -> Path:
        """Like `pptx_to_pdf`, through the resident LibreOffice (started or restarted as needed)."""
        with self._lock:
            if not self.is_running:
                self._start()
            return self._convert(Path(pptx), Path(pdf), expected_pages)

    def close(self) -> None:
        """Stop the resident LibreOffice and delete its profile; safe to call more than once."""
        with self._lock:
            self._stop()

    def __enter__(self) -> Renderer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals (callers hold self._lock) --

    def _start(self) -> None:
        if self.is_running:
            return
        self._stop()  # tidy up after an office that died on its own
        soffice = find_soffice()
        remove_temp_leftovers()
        home = Path(tempfile.mkdtemp(prefix=temp_prefix("office")))
        profile = _profile_url(home / "profile")
        try:
            # On a new profile LibreOffice restarts itself once during start-up, and its pipe
            # disappears for a moment; a conversion sent then would start an office of its
            # own. Setting the profile up first (a fraction of a second) avoids that restart.
            _run(
                [str(soffice), f"-env:UserInstallation={profile}", *_HEADLESS, "--terminate_after_init"],
                timeout=self.timeout,
                what=_("LibreOffice did not start within {time}").format(time=_seconds(self.timeout)),
            )
            # Its lock file must not be mistaken for the resident's "pipe is ready" signal.
            (home / "profile" / ".lock").unlink(missing_ok=True)
            keepalive = home / "keepalive.pptx"
            _write_blank_deck(keepalive)
        except BaseException:
            _remove_ipc_pipe(profile)
            shutil.rmtree(home, ignore_errors=True)
            raise
        log_path = home / "office.log"
        # Output goes to a file, not a pipe: nobody reads a pipe between conversions, and an
        # office blocked on a full pipe would hang every later conversion.
        log: IO[bytes] = open(log_path, "wb")
        try:
            proc = subprocess.Popen(
                [str(soffice), f"-env:UserInstallation={profile}", *_HEADLESS, str(keepalive)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group, so close() can stop all of it
            )
        except OSError as err:
            log.close()
            shutil.rmtree(home, ignore_errors=True)
            raise ExportError(_("LibreOffice could not be started: {reason}.").format(reason=err.strerror)) from err
        # Stops the office even if close() is never called (Ctrl+C in watch mode, crashes).
        self._finalizer = weakref.finalize(self, _shutdown, proc, home, profile, log)
        self._soffice, self._proc, self._home = soffice, proc, home
        self._profile, self._log_path = profile, log_path

        try:
            self._wait_until_listening()
            # A first real conversion: it waits until the office is fully up, proves that
            # conversions work, and loads the PDF export code before the user's first deck.
            # A copy, because converting the open keep-alive document would close it.
            warmup = home / "warmup.pptx"
            shutil.copyfile(keepalive, warmup)
            self._convert(
                warmup, home / "warmup.pdf", None,
                name=_("its start-up test"),
                what=_("LibreOffice did not start within {time}").format(time=_seconds(self.timeout)),
            )
            if not self.is_running:
                said = _summarise(self._read_log(0), proc.returncode)
                raise ExportError(_("LibreOffice stopped right after starting{because}.").format(
                    because=_because(said)))
        except BaseException:
            self._stop()
            raise

    def _wait_until_listening(self) -> None:
        # LibreOffice creates its single-instance pipe before it writes the profile's .lock
        # file. A second run started before the pipe exists would become an office of its
        # own and take the resident's place, so wait for the lock file.
        assert self._proc is not None and self._home is not None
        lock_file = self._home / "profile" / ".lock"
        deadline = time.monotonic() + self.timeout
        while not lock_file.exists():
            if self._proc.poll() is not None:
                said = _summarise(self._read_log(0), self._proc.returncode)
                raise ExportError(_("LibreOffice stopped while starting{because}.").format(because=_because(said)))
            if time.monotonic() > deadline:
                raise ExportError(_("LibreOffice did not start within {time}, so it was stopped.").format(
                    time=_seconds(self.timeout)))
            time.sleep(0.05)

    def _convert(
        self,
        pptx: Path,
        pdf: Path,
        expected_pages: int | None,
        *,
        name: str | None = None,
        what: str | None = None,
    ) -> Path:
        assert self._soffice is not None and self._home is not None
        _check_input(pptx)
        name = name or display_path(pptx)
        work = Path(tempfile.mkdtemp(dir=self._home, prefix="job-"))
        try:
            staged = _stage_input(pptx, work)
            outdir = work / "out"
            log_start = self._log_size()
            try:
                result = _run(
                    [str(self._soffice), f"-env:UserInstallation={self._profile}", *_HEADLESS,
                     "--convert-to", self.convert_to, "--outdir", str(outdir), str(staged)],
                    timeout=self.timeout,
                    what=what or _too_long(self.timeout, name),
                )
            except ExportError:
                # A stuck office would make every later conversion wait too; stop it so the
                # next convert() starts a fresh one.
                self._stop()
                raise
            # The resident office does the work, so its complaints land in its log.
            said = _summarise(
                result.stdout + "\n" + result.stderr + "\n" + self._read_log(log_start),
                result.returncode,
            )
            return _finish(outdir / f"{staged.stem}.pdf", name, pdf, expected_pages, said)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _stop(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # runs _shutdown at most once
        self._finalizer = None
        self._proc = self._home = self._log_path = None
        self._profile = ""

    def _log_size(self) -> int:
        try:
            return self._log_path.stat().st_size if self._log_path else 0
        except OSError:
            return 0

    def _read_log(self, start: int) -> str:
        if self._log_path is None:
            return ""
        try:
            with open(self._log_path, "rb") as f:
                f.seek(start)
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


# -- helpers --


def _check_input(pptx: Path) -> None:
    if not pptx.is_file():
        raise ExportError(_("{file} does not exist, so it cannot be converted to PDF.").format(
            file=display_path(pptx)))


def _stage_input(pptx: Path, work: Path) -> Path:
    # Convert a snapshot with a plain name: the deck may be rewritten while LibreOffice reads
    # it (watch mode), odd file names cannot confuse LibreOffice's command line, the PDF name
    # is known in advance, and LibreOffice's lock files stay out of the user's folder.
    suffix = pptx.suffix.lower() if pptx.suffix.lower() in (".pptx", ".potx", ".ppt", ".odp") else ".pptx"
    staged = work / f"deck{suffix}"
    try:
        shutil.copyfile(pptx, staged)
    except OSError as err:
        raise ExportError(_("Could not read {file}: {reason}.").format(file=display_path(pptx),
                                                                     reason=err.strerror)) from err
    return staged


def _finish(produced: Path, name: str, pdf: Path, expected_pages: int | None, said: str) -> Path:
    """Check what LibreOffice produced and move it into place; LibreOffice exits 0 even on failure."""
    if not produced.is_file() or produced.stat().st_size == 0:
        raise ExportError(_("LibreOffice could not convert {name} to PDF{because} — check that it is a PowerPoint "
                            "file that opens in PowerPoint or LibreOffice.").format(name=name,
                                                                                   because=_because(said)))
    with open(produced, "rb") as f:
        if f.read(5) != b"%PDF-":
            raise ExportError(_("LibreOffice did not produce a PDF from {name}; nothing was saved.").format(
                name=name))
    if expected_pages is not None:
        pages = pdf_page_count(produced)
        if pages != expected_pages:
            raise ExportError(_("LibreOffice made a PDF with {pages} from {name}, but the deck has {slides}; the "
                                "PDF was not saved.").format(
                pages=ngettext("{n} page", "{n} pages", pages).format(n=pages), name=name,
                slides=ngettext("{n} slide", "{n} slides", expected_pages).format(n=expected_pages)))
    _replace_atomically(produced, pdf)
    return pdf


def _replace_atomically(source: Path, dest: Path) -> None:
    try:
        with open(source, "rb") as src:
            replace_atomically(dest, lambda out: shutil.copyfileobj(src, out))
    except OSError as err:
        raise ExportError(_("Could not write {file}: {reason}.").format(file=display_path(dest),
                                                                      reason=err.strerror or err)) from err


def _run(cmd: list[str], *, timeout: float, what: str,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `cmd`, capturing output; on timeout kill its whole process group and raise `what`."""
    try:
        # Own process group: `soffice` is a script that starts oosplash, which starts
        # soffice.bin; killing only the first would leave the real office running.
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
            env=env,
        )
    except OSError as err:
        raise ExportError(_("Could not run {program}: {reason}.").format(program=Path(cmd[0]).name,
                                                                       reason=err.strerror or err)) from err
    try:
        out, err_text = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _signal_group(proc.pid, _KILL)
        _reap(proc)
        raise ExportError(_("{what}, so it was stopped.").format(what=what)) from None
    except BaseException:  # Ctrl+C: do not leave a converter running in the background
        _signal_group(proc.pid, _KILL)
        _reap(proc)
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err_text)


def _reap(proc: subprocess.Popen[str]) -> None:
    try:
        proc.communicate(timeout=_SHUTDOWN_GRACE)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass


def _signal_group(pgid: int, sig: int) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(pgid, sig)
        else:  # Windows has no process groups to signal; stop the process we started
            os.kill(pgid, sig)
    except OSError:  # already gone, or not ours to signal
        pass


def _group_alive(pgid: int) -> bool:
    """True while any live (non-zombie) process is left in the process group."""
    proc_dir = Path("/proc")
    if (proc_dir / "self" / "stat").exists():
        # Linux: read the group of every process. kill(0) alone would also count zombies,
        # which stay around forever in containers whose first process never reaps them.
        for entry in proc_dir.iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(fields) > 2 and fields[2] == str(pgid) and fields[0] != "Z":
                return True
        return False
    if not hasattr(os, "killpg"):
        return False
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _shutdown(proc: subprocess.Popen[bytes], home: Path, profile: str, log: IO[bytes]) -> None:
    """Stop a resident office (politely, then by force) and delete its profile."""
    pgid = proc.pid
    _signal_group(pgid, signal.SIGTERM)
    deadline = time.monotonic() + _SHUTDOWN_GRACE
    while time.monotonic() < deadline:
        proc.poll()  # reap our own child, or it would count as still alive
        if not _group_alive(pgid):
            break
        time.sleep(0.05)
    else:
        _signal_group(pgid, _KILL)
    try:
        proc.wait(timeout=_SHUTDOWN_GRACE)
    except subprocess.TimeoutExpired:
        pass
    log.close()
    _remove_ipc_pipe(profile)
    shutil.rmtree(home, ignore_errors=True)


def _remove_ipc_pipe(profile_url: str) -> None:
    # A stopped (killed) LibreOffice leaves its single-instance socket behind in /tmp. Its
    # name ends in the MD5 of the profile URL (UTF-16, bytes in unpadded hex), and our
    # profiles are unique temporary folders, so only our own socket can match.
    digest = hashlib.md5(profile_url.encode("utf-16-le")).digest()
    suffix = "".join(f"{byte:x}" for byte in digest)
    for folder in ("/tmp", "/var/tmp"):
        for leftover in glob.glob(os.path.join(folder, f"OSL_PIPE_*_SingleOfficeIPC_{suffix}")):
            try:
                os.unlink(leftover)
            except OSError:
                pass


_TEMP_KINDS = ("pdf", "office", "preview")
_TEMP_LEFTOVER = re.compile(rf"kkrdeck-({'|'.join(_TEMP_KINDS)})-(\d+)-.+")


def temp_prefix(kind: str) -> str:
    """`kkrdeck-KIND-PID-`: a temporary folder (with its LibreOffice profile) that names the process owning it."""
    return f"kkrdeck-{kind}-{os.getpid()}-"


def remove_temp_leftovers(folder: Path | None = None) -> list[Path]:
    """Remove the temporary folders (LibreOffice profiles) of kkrdeck runs that were killed; returns them."""
    from kkrdeck.paths import process_alive

    folder = Path(folder or tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_LEFTOVER.fullmatch(entry.name)
        try:
            if match and entry.is_dir(follow_symlinks=False) and entry.stat().st_uid == getattr(os, "getuid", int)() and \
                    not process_alive(int(match.group(2))):
                _remove_ipc_pipe(_profile_url(Path(entry.path) / "profile"))
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _profile_url(folder: Path) -> str:
    return folder.resolve().as_uri()


def _write_blank_deck(path: Path) -> None:
    from pptx import Presentation  # only the resident office needs it; keep import cost local

    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[6])  # blank layout; an office needs one page anyway
    deck.save(str(path))


def _summarise(text: str, returncode: int | None = None) -> str:
    """The one line of tool output worth showing a user, shortened; never the raw dump."""
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not any(noise in line for noise in _NOISE)
        and not line.strip().startswith("convert ")
    ]
    if lines:
        last = re.sub(r"^(Error|Warning)\s*:\s*", "", lines[-1], flags=re.IGNORECASE)
        return last if len(last) <= 160 else last[:157] + "..."
    if returncode:
        return _("exit code {code}").format(code=returncode)
    return ""


def _because(said: str) -> str:
    return _(" (it said: {said})").format(said=said) if said else ""


def _seconds(t: float) -> str:
    return _("1 second") if t == 1 else _("{n} seconds").format(n=decimal(t))


def _too_long(timeout: float, name: str) -> str:
    return _("LibreOffice took longer than {time} to convert {name} to PDF").format(time=_seconds(timeout), name=name)

