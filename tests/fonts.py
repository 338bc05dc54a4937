"""The fonts the suite renders and measures with: a fontconfig file of its own, so the machine's other fonts do not count."""

from __future__ import annotations

import glob
import hashlib
import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

# Debian packages whose fonts the suite may see; `.ci/run` installs every one of them (a test checks that).
# Carlito, Caladea and Liberation are the metric-compatible stand-ins for Calibri, Cambria and
# Arial/Times New Roman/Courier New, so a template in those fonts is measured and shown with their metrics; DejaVu is what LibreOffice falls back to
# for a template font that is not there; OpenSymbol draws LibreOffice's bullets. DejaVu comes in two
# packages, and the tests were calibrated with both, so both are pinned.
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
PACKAGES: dict[str, tuple[str, ...]] = {
    "fonts-crosextra-carlito": ("/usr/share/fonts/truetype/crosextra/Carlito-*.ttf",),
    "fonts-crosextra-caladea": ("/usr/share/fonts/truetype/crosextra/Caladea-*.ttf",),
    "fonts-liberation2": ("/usr/share/fonts/truetype/liberation2/Liberation*.ttf",),
    "fonts-dejavu-core": tuple(_DEJAVU + f"DejaVu{face}.ttf" for face in (
        "Sans", "Sans-Bold", "SansMono", "SansMono-Bold", "Serif", "Serif-Bold")),
    "fonts-dejavu-extra": tuple(_DEJAVU + f"DejaVu{face}.ttf" for face in (
        "*Oblique", "*Italic", "*Condensed*", "Sans-ExtraLight", "MathTeXGyre")),
    "fonts-opensymbol": ("/usr/share/fonts/truetype/libreoffice/opens___.ttf",),
}

# The repo's own Carlito, which kkrdeck measures with (the same files as Debian's).
BUNDLED = ROOT / "assets" / "fonts"

# fontconfig's default rules (aliases such as Calibri -> Carlito, the sans-serif fallback order, hinting),
# as Debian's fontconfig-config and the pinned font packages enable them in /etc/fonts/conf.d. Named one
# by one instead of including the folder: the folder also pulls in each user's and the machine's local
# configuration (50-user, 51-local) and the rules of whatever other font packages are installed.
RULES: tuple[str, ...] = (
    "10-hinting-slight.conf", "10-scale-bitmap-fonts.conf", "10-yes-antialias.conf", "11-lcdfilter-default.conf",
    "20-unhint-small-dejavu-lgc-sans-mono.conf", "20-unhint-small-dejavu-lgc-sans.conf",
    "20-unhint-small-dejavu-lgc-serif.conf", "20-unhint-small-dejavu-sans-mono.conf",
    "20-unhint-small-dejavu-sans.conf", "20-unhint-small-dejavu-serif.conf", "20-unhint-small-vera.conf",
    "30-metric-aliases.conf", "30-opensymbol.conf", "40-nonlatin.conf", "45-generic.conf", "45-latin.conf",
    "48-spacing.conf", "49-sansserif.conf",
    "57-dejavu-sans-mono.conf", "57-dejavu-sans.conf", "57-dejavu-serif.conf",
    "58-dejavu-lgc-sans-mono.conf", "58-dejavu-lgc-sans.conf", "58-dejavu-lgc-serif.conf",
    "60-generic.conf", "60-latin.conf", "65-fonts-persian.conf", "65-nonlatin.conf", "69-unifont.conf",
    "70-no-bitmaps.conf", "80-delicious.conf", "90-synthetic.conf",
)
RULES_DIR = Path("/etc/fonts/conf.d")
# The spellings /etc/fonts/fonts.conf itself rewrites to fontconfig's generic names.
GENERIC_SPELLINGS = {"mono": "monospace", "sans serif": "sans-serif", "sans": "sans-serif", "system ui": "system-ui"}


def accepted_globs() -> list[str]:
    """The font files the suite may use, as fontconfig globs over full paths."""
    # The packages' folders first: fontconfig breaks ties by folder order, so the repo's byte-identical
    # Carlito only stands in where Debian's is missing.
    return list(dict.fromkeys([*(g for globs in PACKAGES.values() for g in globs), f"{BUNDLED}/*.ttf"]))


def missing_packages() -> list[str]:
    """The pinned font packages with no files on this machine (`.ci/run` installs them)."""
    return [name for name, globs in PACKAGES.items() if not any(glob.glob(g) for g in globs)]


def config_text(cache: Path) -> str:
    """A fontconfig file that sees only the pinned fonts, with its cache in `cache`."""
    dirs = dict.fromkeys(str(Path(g).parent) for g in accepted_globs())
    accept = "".join(f"      <glob>{escape(g)}</glob>\n" for g in accepted_globs())
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- Written by tests/fonts.py for the test suite; do not edit. -->\n<fontconfig>\n"
        + "".join(f"  <dir>{escape(d)}</dir>\n" for d in dirs)
        + f"  <cachedir>{escape(str(cache))}</cachedir>\n"
        + "".join(f'  <match target="pattern"><test qual="any" name="family"><string>{old}</string></test>'
                  f'<edit name="family" mode="assign" binding="same"><string>{new}</string></edit></match>\n'
                  for old, new in GENERIC_SPELLINGS.items())
        + "".join(f'  <include ignore_missing="yes">{escape(str(RULES_DIR / r))}</include>\n' for r in RULES)
        # Everything but the pinned files is refused, whatever folder a rule file above might add.
        + "  <selectfont>\n    <rejectfont><glob>*</glob></rejectfont>\n"
        + f"    <acceptfont>\n{accept}    </acceptfont>\n  </selectfont>\n"
        + "</fontconfig>\n"
    )


def pin() -> Path:
    """Write the suite's fontconfig file (once per checkout, kept with its cache in the temp folder) and return it."""
    key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    home = Path(tempfile.gettempdir()) / f"kkrdeck-tests-fonts-{uid}-{key}"
    home.mkdir(parents=True, exist_ok=True)
    config = home / "fonts.conf"
    text = config_text(home / "cache")
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        # Replaced whole, so a suite starting at the same time never reads half a file.
        partial = home / f"fonts.conf.{os.getpid()}"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, config)
    return config
