"""The planner's fit notices in Danish: a slide, a table that continues, said the way the English says it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.plan.test_planner import SEED_BULLETS, bullets_deck, plan_of, table_deck


def test_bullets_that_continue_are_announced_in_danish(tmp_path: Path, danish: None) -> None:
    plan = plan_of(tmp_path, bullets_deck(SEED_BULLETS * 4))
    [notice] = plan.notices
    total = len(plan.slides)
    romans = ", ".join(f"({r})" for r in ["I", "II", "III", "IV", "V", "VI"][:total])
    assert notice.line == 3
    assert notice.message == (f"'Tema 1: KKR som politisk forum' kan ikke være på ét dias ved 18 pt eller mere; "
                              f"teksten fortsætter på {total} dias: {romans}")


def test_a_table_that_continues_is_announced_in_danish(tmp_path: Path, danish: None) -> None:
    plan = plan_of(tmp_path, table_deck(30))
    [notice] = plan.notices
    assert re.fullmatch(r"tabellen 'Møder' kan ikke være på ét dias ved 18 pt eller mere; den fortsætter på "
                        r"(\d+) dias med overskriftsrækken gentaget: \(I\), \(II\).*", notice.message)


LONG = ("Punkt {n}: kommunerne og regionen aftaler i fællesskab, hvordan samarbejdet om de nære sundhedstilbud skal "
        "organiseres, finansieres og følges op i de kommende år, så borgerne oplever sammenhæng")


def _many(kind: str, n: int) -> str:
    if kind == "process":
        items = "".join(f"      - {{date: 2024-01-{d + 1:02}, text: '" + LONG.format(n=d + 1) + "'}\n"
                        for d in range(n))
        return f"title: T\nslides:\n  - kind: process\n    title: Forløb\n    steps:\n{items}"
    items = "".join("      - '" + LONG.format(n=d + 1) + "'\n"
                    for d in range(n))
    return f"title: T\nslides:\n  - kind: statements\n    title: Udsagn\n    statements:\n{items}"


def test_a_timeline_and_statements_that_continue_are_announced_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kkrdeck import i18n

    english = [plan_of(tmp_path, _many(kind, 6)).notices for kind in ("process", "statements")]
    assert [n.message.split(";")[0] for [n] in english] == [
        "the timeline 'Forløb' does not fit one slide at 18 pt or more",
        "the statements of 'Udsagn' do not fit one slide at 18 pt or more"]
    monkeypatch.setenv("KKRDECK_LANG", "da")
    i18n.reset()
    danish = [plan_of(tmp_path, _many(kind, 6)).notices for kind in ("process", "statements")]
    assert [n.message.split(";")[0] for [n] in danish] == [
        "tidslinjen 'Forløb' kan ikke være på ét dias ved 18 pt eller mere",
        "udsagnene på 'Udsagn' kan ikke være på ét dias ved 18 pt eller mere"]
    assert [(n.line, n.column) for [n] in danish] == [(n.line, n.column) for [n] in english]
    assert danish[0][0].message.split("; ")[1].startswith("den fortsætter på ")
