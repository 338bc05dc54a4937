"""kkrdeck's catalogs: every message in the code is in the Danish catalog, translated, compiled, and chosen by locale."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from kkrdeck import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "kkrdeck" / "locale" / "da" / "LC_MESSAGES" / "kkrdeck.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "gettext_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "ngettext_noop": (1, 2)}
FIX = ("run the commands in babel.cfg (pybabel extract, update, compile) and translate the new entries in "
       "kkrdeck/locale/da/LC_MESSAGES/kkrdeck.po")


def in_code() -> set[tuple[str | tuple[str, ...], str | None]]:
    """(msgid, context) of every message the code marks, as Babel extracts them with babel.cfg's keywords."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / "kkrdeck", method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()):
        found.add((message, context))
    return found


def catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="da")


def in_catalog() -> set[tuple[str | tuple[str, ...], str | None]]:
    return {(m.id, m.context) for m in catalog() if m.id}


def test_every_message_in_the_code_is_in_the_danish_catalog() -> None:
    missing = in_code() - in_catalog()
    assert not missing, f"not in the catalog: {sorted(map(str, missing))} — {FIX}"


def test_the_catalog_has_no_message_the_code_no_longer_uses() -> None:
    stale = in_catalog() - in_code()
    assert not stale, f"stale entries: {sorted(map(str, stale))} — {FIX}"


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    for m in catalog():
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings), f"untranslated: {m.id!r}"
        assert not m.fuzzy, f"fuzzy (check the translation, then remove the flag): {m.id!r}"


def _fields(text: str) -> set[str]:
    return set(re.findall(r"(?<!\{)\{(\w*)[^{}]*\}(?!\})", text))


def test_a_translation_has_the_same_placeholders_as_its_message() -> None:
    for m in catalog():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for n, s in enumerate(strings):  # Danish has two forms, like English: singular with singular
            assert _fields(s) == _fields(ids[min(n, len(ids) - 1)]), f"{m.id!r} → {s!r}"


def test_the_committed_mo_is_the_compiled_po() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalog())
    assert MO.read_bytes() == compiled.getvalue(), f"kkrdeck.mo is out of date — {FIX}"
    with MO.open("rb") as f:
        assert read_mo(f).get("warning: ").string == "advarsel: "


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "da_DK.UTF-8"}, "da"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_US.UTF-8"}, "da"),
    ({"LANGUAGE": "en", "LC_ALL": "da_DK.UTF-8"}, "en"),  # LANGUAGE comes first, as in gettext
    ({"LANGUAGE": "sv:da", "LANG": "en_US.UTF-8"}, "da"),  # the first language there is a catalog for
    ({"LC_MESSAGES": "da_DK.UTF-8", "LANG": "en_US.UTF-8"}, "da"),
    ({"KKRDECK_LANG": "da", "LANG": "en_US.UTF-8"}, "da"),
    ({"KKRDECK_LANG": "en", "LANG": "da_DK.UTF-8"}, "en"),
    ({"KKRDECK_LANG": "klingon", "LANG": "da_DK.UTF-8"}, "da"),  # not a language kkrdeck speaks: the locale decides
])
def test_the_language_follows_kkrdeck_lang_then_the_locale(env: dict[str, str], expected: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("KKRDECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    i18n.reset()
    assert i18n.language() == expected
    assert i18n._("warning: ") == {"da": "advarsel: ", "en": "warning: "}[expected]


def test_plurals_follow_the_danish_rule(danish: None) -> None:
    assert [i18n.ngettext("{n} warning", "{n} warnings", n).format(n=n) for n in (0, 1, 3)] == [
        "0 advarsler", "1 advarsel", "3 advarsler"]
    assert i18n.number(1_000_000) == "1.000.000"


def test_the_language_is_read_at_first_use_and_kept_until_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KKRDECK_LANG", "da")
    i18n.reset()
    assert i18n._("warning: ") == "advarsel: "
    monkeypatch.setenv("KKRDECK_LANG", "en")
    assert i18n._("warning: ") == "advarsel: "
    i18n.reset()
    assert i18n._("warning: ") == "warning: "


def test_an_installed_kkrdeck_finds_its_catalog(tmp_path: Path) -> None:
    """The .mo ships as package data: a fresh process outside the repo speaks Danish with LANG alone."""
    code = "from kkrdeck.i18n import _, LOCALE_DIR; print(_('warning: ')); print(LOCALE_DIR)"
    env = {"LANG": "da_DK.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "advarsel: "
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"kkrdeck" = ["locale/*/LC_MESSAGES/*.mo"]' in pyproject


def test_the_click_messages_kkrdeck_translates_are_the_installed_clicks_own() -> None:
    """A click upgrade that rewords a message fails here, instead of quietly falling back to English."""
    import click

    from kkrdeck.click_words import CLICK_MESSAGES, CLICK_PLURALS

    clicks = {message for _f, _l, message, _c, _x in extract_from_dir(
        Path(click.__file__).parent, method_map=[("*.py", "python")],
        keywords={"_": None, "ngettext": (1, 2)}, comment_tags=())}
    assert set(CLICK_MESSAGES) - clicks == set()
    assert set(CLICK_PLURALS) - clicks == set()


def test_clicks_usage_errors_speak_danish_with_the_same_exit_code(danish: None) -> None:
    from click.testing import CliRunner

    from kkrdeck.cli import main

    result = CliRunner().invoke(main, ["bild"], prog_name="kkrdeck")
    assert result.stderr.splitlines() == ["Brug: kkrdeck [OPTIONS] COMMAND [ARGS]...",
                                          "Skriv 'kkrdeck --help' for at få hjælp.", "",
                                          "Fejl: Kommandoen 'bild' findes ikke. Mente du 'build'?"]
    assert result.exit_code == 2
