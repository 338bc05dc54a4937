"""What keeps kkrdeck fast, asserted without a clock (shared machines are noisy; bench/run.py does the timing).

- `kkrdeck --help`, `check` and `schema` never import python-pptx, and neither does `build`: the writer writes
  the package itself, so no command pays python-pptx's import time.
- Adding slides is linear: the writer's work for 4× the slides is 4× the work (counted in function calls,
  not seconds), where python-pptx's `add_slide` searches every earlier relationship for each new slide.
- A 1000-slide deck builds and passes the structural checks (and 200 slides the schema check; bench/run.py
  schema-checks the 1000-slide output).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.package_check import schema_problems, structural_problems

ROOT = Path(__file__).resolve().parent.parent

_MODULES_AFTER = """
import json, sys
from kkrdeck.cli import main
try:
    main({args!r}, standalone_mode=False)
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("pptx", "lxml", "xlsxwriter", "openpyxl"))))
"""


def _modules_after(args: list[str], cwd: Path) -> list[str]:
    """Run the CLI in a fresh interpreter and return which python-pptx and lxml modules it imported."""
    proc = subprocess.run([sys.executable, "-c", _MODULES_AFTER.format(args=args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _generated_deck(folder: Path, slides: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.decks import write_generated

    return write_generated(slides, folder).yaml_path


@pytest.mark.parametrize("args", [["--help"], ["check", "deck.yaml"], ["schema"], ["build", "--help"]])
def test_help_check_and_schema_do_not_import_python_pptx(args: list[str]) -> None:
    imported = _modules_after(args, ROOT)
    assert not [m for m in imported if m.startswith("pptx")], f"kkrdeck {' '.join(args)} imported {imported}"


def test_build_does_not_import_python_pptx(tmp_path: Path) -> None:
    imported = _modules_after(["-q", "build", str(ROOT / "deck.yaml"), "-o", str(tmp_path / "deck.pptx")], ROOT)
    assert (tmp_path / "deck.pptx").is_file()
    pptx = [m for m in imported if m.startswith("pptx")]
    assert pptx == [], f"kkrdeck build imported {pptx}: the writer writes the package itself, python-pptx is not needed"


def test_only_a_deck_with_a_chart_pays_for_the_chart_libraries(tmp_path: Path) -> None:
    plain = _modules_after(["-q", "build", str(ROOT / "deck.yaml"), "-o", str(tmp_path / "deck.pptx")], ROOT)
    assert [m for m in plain if m.split(".")[0] in ("xlsxwriter", "openpyxl", "lxml")] == []
    (tmp_path / "data.csv").write_text("Gruppe;Svar\nBorgmestre;8\n", encoding="utf-8")
    (tmp_path / "charts.yaml").write_text("title: T\nslides:\n  - kind: chart\n    title: Svar\n    chart: column\n"
                                          "    data: data.csv\n", encoding="utf-8")
    charted = _modules_after(["-q", "build", str(tmp_path / "charts.yaml"), "-o", str(tmp_path / "c.pptx")], ROOT)
    assert {"pptx.chart.xmlwriter", "xlsxwriter", "lxml.etree"} <= set(charted)
    assert "openpyxl" not in charted  # a CSV is read with the csv module; openpyxl is for .xlsx data


def _calls_to_write(plan, outline, design) -> int:
    """Python and C function calls made while writing the package of a planned deck (deterministic)."""
    from kkrdeck.build import render_pptx

    count = 0

    def profiler(frame, event, arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    render_pptx(outline, plan, design)  # imports and caches out of the way
    sys.setprofile(profiler)
    try:
        render_pptx(outline, plan, design)
    finally:
        sys.setprofile(None)
    return count


def test_writing_four_times_the_slides_is_four_times_the_work(tmp_path: Path) -> None:
    from kkrdeck.design.design import design_for
    from kkrdeck.outline.load import load_outline
    from kkrdeck.plan.make import make_plan

    calls = {}
    for n in (50, 200):
        outline = load_outline(_generated_deck(tmp_path / str(n), n))
        design = design_for(outline)
        plan = make_plan(outline, design)
        assert len(plan.slides) == n
        calls[n] = _calls_to_write(plan, outline, design)
    ratio = calls[200] / calls[50]
    # linear: ≈ 4 (a little less: the template costs the same for both); python-pptx's add_slide gives ≈ 9
    assert ratio < 4.2, f"writing 200 slides took {ratio:.2f}× the calls of 50 slides ({calls})"


def test_a_1000_slide_deck_builds_and_passes_the_structural_checks(tmp_path: Path) -> None:
    from kkrdeck.build import build

    result = build(_generated_deck(tmp_path, 1000), tmp_path / "big.pptx")
    assert len(result.plan.slides) == 1000
    assert structural_problems(result.output) == []


def test_a_200_slide_deck_passes_the_schema_check(tmp_path: Path) -> None:
    from kkrdeck.build import build

    result = build(_generated_deck(tmp_path, 200), tmp_path / "deck.pptx")
    assert structural_problems(result.output) == []
    assert schema_problems(result.output) == []


def test_slide_ids_relationship_ids_and_part_names_are_numbered_in_order(tmp_path: Path) -> None:
    import re
    import zipfile

    from kkrdeck.build import build

    result = build(_generated_deck(tmp_path, 30), tmp_path / "deck.pptx")
    with zipfile.ZipFile(result.output) as zf:
        presentation = zf.read("ppt/presentation.xml").decode()
        rels = zf.read("ppt/_rels/presentation.xml.rels").decode()
    ids = [int(i) for i in re.findall(r'<p:sldId id="(\d+)"', presentation)]
    assert ids == list(range(256, 256 + 30))
    slide_rids = re.findall(r'<p:sldId id="\d+" r:id="(rId\d+)"', presentation)
    targets = dict(re.findall(r'Id="(rId\d+)" Type="[^"]+/slide" Target="([^"]+)"', rels))
    assert [targets[r] for r in slide_rids] == [f"slides/slide{n}.xml" for n in range(1, 31)]
