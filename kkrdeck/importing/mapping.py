"""Source slides mapped to the outline's slide kinds, by what their placeholders hold, never by layout names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kkrdeck.importing.data import Body, Para, Picture, SourceDeck, SourceSlide
from kkrdeck.i18n import N_, _, ngettext
from kkrdeck.importing.text import escape
from kkrdeck.outline.model import MAX_BULLET_DEPTH
from kkrdeck.plan.danish import MONTHS, SHORT_MONTHS

MAX_TEXT, MAX_SHORT, MAX_CELL = 2000, 300, 500
MAX_COLUMNS, MAX_ROWS = 8, 30
_CHILD_KEY = {"bullet": "bullets", "number": "numbered", "arrow": "arrows"}
# "(I)", "(II)", "(forts.)", "(fortsat)", "(cont.)", "(continued)" at the end of a title: a continued slide.
CONTINUED = re.compile(r"^(?P<base>.*?)\s*\((?P<mark>[IVXLC]+|forts\.?|fortsat|cont\.?|continued)\)$", re.I)


@dataclass
class Entry:
    """One outline slide: its keys in the order they are written, comments above it, and the source slide."""

    data: dict
    source: int
    comments: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """The outline as data: deck keys, slides, and pictures to write (file name → bytes)."""

    header: dict
    entries: list[Entry]
    images: dict[str, bytes]
    warnings: list[tuple[int, str]]  # (source slide, what was left out or could not be expressed)
    notices: list[str]


def map_deck(deck: SourceDeck, template: str | None = None) -> Imported:
    entries: list[Entry] = []
    images: dict[str, bytes] = {}
    by_hash: dict[bytes, str] = {}
    warnings: list[tuple[int, str]] = []
    counts = {"free": 0, "sizes": 0, "colours": 0, "top_numbers": 0, "untitled": 0, "no_alt": 0}
    danish = (deck.language or "da").lower().startswith("da")
    for slide in deck.slides:
        ctx = _SlideContext(slide, danish, images, by_hash, counts)
        made = ctx.entries()
        if not made:
            made = [Entry({"kind": "section", "title": ctx.title()}, slide.number)]
            if not slide.title:
                ctx.warn(_("the slide is empty; it becomes a section slide — delete it if it is not needed"))
        if slide.notes:
            made[0].data["notes"] = _limited(slide.notes, MAX_TEXT, made[0], "notes")
        said = _counted(slide.warnings + ctx.warnings)
        made[0].comments = [_("slide {n}: {warning}").format(n=slide.number, warning=w) for w in said] + \
            [_("slide {n}: {warning}").format(n=slide.number, warning=c) for c in slide.comments] + made[0].comments
        warnings += [(slide.number, w) for w in said]
        counts["free"] += slide.free_shapes
        counts["sizes"] += slide.sizes
        counts["colours"] += slide.colours
        entries.extend(made)
    _continuations(entries)
    _merge_tables(entries)
    header = _header(deck, entries, danish, template)
    return Imported(header, entries, images, warnings, _notices(counts, deck))


def _header(deck: SourceDeck, entries: list[Entry], danish: bool, template: str | None) -> dict:
    title = deck.title if deck.title and deck.title != "PowerPoint Presentation" else None
    title = title or next((e.data["title"] for e in entries if e.data.get("title")), "Præsentation" if danish
                          else "Presentation")
    header: dict = {"title": _clip(escape(title) if deck.title else title, MAX_SHORT)}
    if deck.author:
        header["author"] = _clip(escape(deck.author), MAX_SHORT)
    if deck.date:
        header["date"] = deck.date
    language = deck.language or ""
    if re.match(r"^[a-z]{2,3}(-[A-Z]{2})?$", language):
        header["language"] = language
    header["brand"] = "assets/brand.yaml"
    if template:
        header["template"] = template
    return header


def _notices(counts: dict, deck: SourceDeck) -> list[str]:
    out = []
    if counts["free"]:
        n = counts["free"]
        out.append(ngettext("the text of {n} text box or drawing outside the placeholders is kept as bullets of its "
                            "slide, in reading order — check that it reads well",
                            "the text of {n} text boxes and drawings outside the placeholders is kept as bullets of "
                            "its slide, in reading order — check that it reads well", n).format(n=n))
    if counts["sizes"] or counts["colours"]:
        sizes, colours = counts["sizes"], counts["colours"]
        out.append(_("{sizes} and {colours} are left out: the brand (or template) sets sizes and colours, and "
                     "kkrdeck fits the text").format(
            sizes=ngettext("{n} explicit font size", "{n} explicit font sizes", sizes).format(n=sizes),
            colours=ngettext("{n} explicit text colour", "{n} explicit text colours", colours).format(n=colours)))
    if counts["top_numbers"]:
        n = counts["top_numbers"]
        out.append(ngettext("{n} numbered list at the top level became bullets: kkrdeck numbers sub-items "
                            "('numbered:' under a bullet's 'text:')",
                            "{n} numbered lists at the top level became bullets: kkrdeck numbers sub-items "
                            "('numbered:' under a bullet's 'text:')", n).format(n=n))
    if counts["untitled"]:
        n = counts["untitled"]
        out.append(ngettext("{n} slide had no title and got one from its number — give them real titles",
                            "{n} slides had no title and got one from its number — give them real titles",
                            n).format(n=n))
    if counts["no_alt"]:
        n = counts["no_alt"]
        out.append(ngettext("{n} picture had no alt text and are marked 'decorative: true' — describe each with "
                            "'alt:' unless it really is decoration (see the comments in deck.yaml)",
                            "{n} pictures had no alt text and are marked 'decorative: true' — describe each with "
                            "'alt:' unless it really is decoration (see the comments in deck.yaml)", n).format(n=n))
    if deck.external:
        n = deck.external
        out.append(ngettext("{n} link to files outside the deck (linked pictures, objects or media) were not followed",
                            "{n} links to files outside the deck (linked pictures, objects or media) were not "
                            "followed", n).format(n=n))
    return out


def _counted(warnings: list[str]) -> list[str]:
    """Each warning once per slide, with how often it applies: a drawing of 40 freeforms is one line, not 40."""
    seen: dict[str, int] = {}
    for w in warnings:
        seen[w] = seen.get(w, 0) + 1
    return [w if n == 1 else _("{warning} ({n} times)").format(warning=w, n=n) for w, n in seen.items()]


class _SlideContext:
    def __init__(self, slide: SourceSlide, danish: bool, images: dict[str, bytes], by_hash: dict[bytes, str],
                 counts: dict) -> None:
        self.slide, self.danish, self.images, self.by_hash, self.counts = slide, danish, images, by_hash, counts
        self.warnings: list[str] = []

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def title(self) -> str:
        if self.slide.title:
            return _clip(self.slide.title, MAX_SHORT)
        self.counts["untitled"] += 1
        return f"{'Dias' if self.danish else 'Slide'} {self.slide.number}"

    def entries(self) -> list[Entry]:
        s = self.slide
        drawn = self._drawn()
        if drawn is not None:
            return [drawn] + self._pictures() + self._tables() + self._charts()
        out: list[Entry] = []
        bodies = list(s.bodies)
        if s.centred_title or (s.subtitle and not bodies):
            out.append(self._cover(bodies))
            bodies = []
        elif self._section_like(bodies):
            entry = {"kind": "section", "title": self.title()}
            lines = [p.text for b in bodies for p in b.paras] + [p.text for p in s.free]
            if lines:
                entry["subtitle"] = _clip(" – ".join(lines), MAX_SHORT)
            return [Entry(entry, s.number)]
        text_bodies = list(bodies)
        paras = [p for b in bodies for p in b.paras]
        if len(s.pictures) == 1 and len(paras) == 1 and not s.free and len(paras[0].text) <= MAX_TEXT \
                and "Caption" not in s.drawn:  # a picture with one line of text: its caption
            return out + self._pictures(caption=paras[0].text) + self._tables() + self._charts()
        if len(text_bodies) >= 2:
            out.append(self._two_column(text_bodies))
            if s.free:
                out.append(self._bullets(list(s.free)))
        elif text_bodies or (s.free and not out):
            free = [Para(p.level, "bullet" if p.marker == "none" else p.marker, p.text, p.plain) for p in s.free]
            paras = (list(text_bodies[0].paras) if text_bodies else []) + free
            out.append(self._bullets(paras))
        elif s.free:  # free text on a title slide: below its subtitle
            first = out[0].data
            extra = " – ".join(p.text for p in s.free)
            first["subtitle"] = _clip(f"{first['subtitle']} – {extra}" if first.get("subtitle") else extra, MAX_SHORT)
        return out + self._pictures(caption=s.drawn.get("Caption")) + self._tables() + self._charts()

    # --- kinds ------------------------------------------------------------------------------------------------

    def _cover(self, bodies: list[Body]) -> Entry:
        entry: dict = {"kind": "title", "title": self.title()}
        lines = [p.text for p in self.slide.subtitle] + [p.text for b in bodies for p in b.paras]
        date = None
        if lines and (date := parse_danish_date(lines[-1])) is not None:
            lines = lines[:-1]
        if lines:
            entry["subtitle"] = _clip(lines[0], MAX_SHORT)
        if len(lines) > 1:
            entry["organisation"] = _clip(" – ".join(lines[1:]), MAX_SHORT)
        if date:
            entry["date"] = date[0]
        return Entry(entry, self.slide.number)

    def _section_like(self, bodies: list[Body]) -> bool:
        s = self.slide
        if s.pictures or s.tables or s.charts or s.drawn:
            return False
        paras = [p for b in bodies for p in b.paras]
        if not paras and not s.free:
            return bool(s.title)
        if s.layout_type == "secHead" and len(paras) <= 2:
            return not s.free
        return (not s.free and len(bodies) == 1 and bodies[0].type == "body" and len(paras) <= 2
                and all(p.marker == "none" for p in paras) and sum(len(p.text) for p in paras) <= MAX_SHORT)

    def _bullets(self, paras: list[Para]) -> Entry:
        entry: dict = {"kind": "bullets", "title": self.title()}
        if paras and paras[0].marker == "none" and paras[0].level == 0 and len(paras) > 1:
            entry["lead"] = _limited(paras[0].text, MAX_TEXT, None, "lead")
            paras = paras[1:]
        entry["bullets"] = self._tree(paras)
        return Entry(entry, self.slide.number)

    def _two_column(self, bodies: list[Body]) -> Entry:
        middle = min(b.x for b in bodies) + (max(b.x + b.w for b in bodies) - min(b.x for b in bodies)) / 2
        sides: list[list[Body]] = [[b for b in bodies if b.x + b.w / 2 < middle],
                                   [b for b in bodies if b.x + b.w / 2 >= middle]]
        if not sides[0] or not sides[1]:  # stacked, not side by side: the first left, the rest right
            ordered = sorted(bodies, key=lambda b: (b.y, b.x))
            sides = [ordered[:1], ordered[1:]]
        entry: dict = {"kind": "two-column", "title": self.title()}
        for key, side in zip(("left", "right"), sides):
            side.sort(key=lambda b: (b.y, b.x))
            column: dict = {}
            paras = [p for b in side for p in b.paras]
            if len(side) > 1 and len(side[0].paras) == 1 and len(side[0].paras[0].text) <= MAX_SHORT:
                column["heading"] = unwrap(side[0].paras[0].text, "**")  # a comparison layout's heading
                paras = [p for b in side[1:] for p in b.paras]
            elif len(paras) > 1 and paras[0].marker == "none" and paras[0].level == 0 \
                    and len(paras[0].text) <= MAX_SHORT:
                column["heading"] = unwrap(paras[0].text, "**")  # kkrdeck's own: a bold line above the bullets
                paras = paras[1:]
            column["bullets"] = self._tree(paras) if paras else ["–"]
            entry[key] = column
        return Entry(entry, self.slide.number)

    def _pictures(self, caption: str | None = None) -> list[Entry]:
        out = []
        for n, picture in enumerate(self.slide.pictures):
            entry: dict = {"kind": "image", "title": self.title(), "image": self._image_file(picture)}
            comments = []
            if picture.alt:
                entry["alt"] = _clip(picture.alt, MAX_TEXT)
            else:
                entry["decorative"] = True
                if not picture.decorative:
                    self.counts["no_alt"] += 1
                    comments.append(_("this picture has no alt text in the source: replace 'decorative: true' with "
                                      "'alt: …' describing it, unless it is only decoration"))
            if caption and n == 0:
                entry["caption"] = _clip(unwrap(caption, "*"), MAX_TEXT)  # kkrdeck sets captions in italics
            out.append(Entry(entry, self.slide.number, comments))
        return out

    def _image_file(self, picture: Picture) -> str:
        import hashlib

        digest = hashlib.sha256(picture.data).digest()
        name = self.by_hash.get(digest)
        if name is None:
            name = f"images/slide{self.slide.number:02d}-{len(self.images) + 1}.{picture.ext}"
            self.by_hash[digest] = name
            self.images[name] = picture.data
        return name

    def _tables(self) -> list[Entry]:
        out = []
        for rows in self.slide.tables:
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            for start in range(0, width, MAX_COLUMNS):
                part = [r[start:start + MAX_COLUMNS] for r in rows]
                columns = [_clip(unwrap(c, "**"), MAX_SHORT) or "–" for c in part[0]]  # header rows are bold
                body = [[_clip(c, MAX_CELL) for c in r] for r in part[1:]] or [[""] * len(columns)]
                for first in range(0, len(body), MAX_ROWS):
                    out.append(Entry({"kind": "table", "title": self.title(), "columns": columns,
                                      "rows": body[first:first + MAX_ROWS]}, self.slide.number))
            if width > MAX_COLUMNS:
                self.warn(_("a table of {width} columns is split into tables of at most {limit} columns").format(
                    width=width, limit=MAX_COLUMNS))
        return out

    def _charts(self) -> list[Entry]:
        """Each chart a chart slide with its data; one kkrdeck cannot draw (a scatter, a 3-D area…) stays a comment."""
        out = []
        for chart in self.slide.charts:
            entry = self._chart_entry(chart)
            if entry is not None:
                out.append(entry)
                continue
            self.warn(_("a chart of the kind '{kind}' is kept as data in a comment: kkrdeck draws column, bar, line, "
                        "pie and doughnut charts").format(kind=chart.kind))
            lines = [_("chart ({kind}): categories: {categories}").format(kind=chart.kind,
                                                                         categories=", ".join(chart.categories))]
            lines += [f"  {name}: {', '.join('' if v is None else f'{v:g}' for v in values)}"
                      for name, values in chart.series]
            if out or self.slide.bodies or self.slide.pictures or self.slide.tables or self.slide.free:
                self.slide.comments.extend(lines)
            else:
                entry = Entry({"kind": "section", "title": self.title()}, self.slide.number, lines)
                out.append(entry)
        return out

    def _chart_entry(self, chart) -> Entry | None:
        from kkrdeck.outline.chart_data import MAX_CATEGORIES, MAX_SERIES, chart_issues

        kind = _chart_kind(chart.kind)
        n = len(chart.categories)
        if kind is None or not n or not chart.series or n > MAX_CATEGORIES or len(chart.series) > MAX_SERIES:
            return None
        series = [(_clip(name, MAX_SHORT) or "Serie", tuple(values[:n]) + (None,) * (n - len(values)))
                  for name, values in chart.series]
        if kind in ("pie", "doughnut") and chart_issues(kind, chart.categories, series):
            self.warn(_("a pie chart with several series or negative values is imported as a column chart")
                      if kind == "pie" else
                      _("a doughnut chart with several series or negative values is imported as a column chart"))
            kind = "column"
        entry = {"kind": "chart", "title": self.title(), "chart": kind,
                 "categories": [_clip(c, MAX_SHORT) or "–" for c in chart.categories],
                 "series": [{"name": name, "values": [_value(v) for v in values]} for name, values in series]}
        return Entry(entry, self.slide.number)

    def _drawn(self) -> Entry | None:
        """kkrdeck's own process and statements slides, read back from the shapes it named."""
        d = self.slide.drawn
        lead = " ".join(p.text for b in self.slide.bodies for p in b.paras) or None
        if any(k.startswith("Timeline date") for k in d):
            steps = []
            for n in range(1, 9):
                label, text = d.get(f"Timeline date {n}"), d.get(f"Timeline step {n}")
                if label is None or text is None:
                    break
                span = parse_danish_date(label.replace("**", ""))
                if span is None:
                    return None
                step = {"date": span[0]}
                if span[1]:
                    step["until"] = span[1]
                step["text"] = text
                steps.append(step)
            if not steps:
                return None
            entry: dict = {"kind": "process", "title": self.title()}
            if lead:
                entry["lead"] = lead
            entry["steps"] = steps
            if "Conclusion" in d:
                entry["conclusion"] = d["Conclusion"]
            return Entry(entry, self.slide.number)
        cards = [d[f"Statement {n} card"] for n in range(1, 7) if f"Statement {n} card" in d]
        if len(cards) >= 2:
            entry = {"kind": "statements", "title": self.title()}
            if lead:
                entry["lead"] = lead
            entry["statements"] = cards
            return Entry(entry, self.slide.number)
        return None

    def _tree(self, paras: list[Para]) -> list:
        """Flat paragraphs with levels → nested bullets; a jump of levels is closed up, depth is capped."""
        if any(p.level == 0 and p.marker == "number" for p in paras):
            self.counts["top_numbers"] += 1
        root: list = []
        stack: list[tuple[int, dict | None, list]] = [(-1, None, root)]  # (level, item, its children)
        for p in paras:
            level = min(p.level, MAX_BULLET_DEPTH - 1)
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            level = min(level, stack[-1][0] + 1)
            parent_level, parent, children = stack[-1]
            text = _limited(p.text, MAX_TEXT, None, "bullet")
            item: dict = {"text": text}
            if parent is not None and not children:
                parent["_marker"] = p.marker
            children.append(item)
            own: list = []
            item["_children"] = own
            stack.append((level, item, own))
        return [_finish(item) for item in root]


def _finish(item: dict):
    children = item.pop("_children")
    marker = item.pop("_marker", "bullet")
    if not children:
        return item["text"]
    return {"text": item["text"], _CHILD_KEY.get(marker, "bullets"): [_finish(c) for c in children]}


def _continuations(entries: list[Entry]) -> None:
    """'Tema 1 (I)', 'Tema 1 (II)' or 'Tema 1', 'Tema 1 (forts.)' on consecutive bullets slides: one title, then
    'continues: true', so kkrdeck numbers them (I), (II) again and keeps doing so when they grow."""
    n = 0
    while n < len(entries):
        first = entries[n].data
        if first["kind"] != "bullets" or not first.get("title"):
            n += 1
            continue
        m = CONTINUED.match(first["title"])
        base = m.group("base").strip() if m else first["title"]
        end = n + 1
        while end < len(entries) and entries[end].data["kind"] == "bullets":
            mark = CONTINUED.match(entries[end].data.get("title") or "")
            if mark is None or mark.group("base").strip() != base:
                break
            end += 1
        if end - n > 1 and base:
            first["title"] = base
            for entry in entries[n + 1:end]:
                entry.data = {"kind": "bullets", "continues": True,
                              **{k: v for k, v in entry.data.items() if k not in ("kind", "title")}}
                if entry.data.get("notes") == first.get("notes"):  # kkrdeck repeats notes on continued slides
                    entry.data.pop("notes", None)
        n = max(end, n + 1)


def _merge_tables(entries: list[Entry]) -> None:
    """A table kkrdeck (or an author) continued over slides, the header repeated: one table again."""
    kept: list[Entry] = []
    merged: set[int] = set()
    for entry in entries:
        last = kept[-1] if kept else None
        base = _table_base(entry)
        if (last is not None and base is not None and _table_base(last) == base
                and last.data["columns"] == entry.data["columns"] and "notes" not in entry.data
                and len(last.data["rows"]) + len(entry.data["rows"]) <= MAX_ROWS):
            last.data["rows"] = last.data["rows"] + entry.data["rows"]
            last.comments += entry.comments
            merged.add(id(last))
            continue
        kept.append(entry)
    for entry in kept:
        if id(entry) in merged:
            entry.data["title"] = _table_base(entry)
    entries[:] = kept


def _table_base(entry: Entry) -> str | None:
    m = CONTINUED.match(entry.data.get("title") or "") if entry.data["kind"] == "table" else None
    return m.group("base").strip() if m else None


def parse_danish_date(text: str) -> tuple[str, str | None] | None:
    """'17. august 2017' or a span as kkrdeck writes it ('31. aug.–1. sep. 2017') → ISO first and last day."""
    text = text.strip()
    months = {m: i + 1 for i, m in enumerate(MONTHS)} | {m: i + 1 for i, m in enumerate(SHORT_MONTHS)}
    word = r"([a-zæøå]+\.?)"
    try:
        if m := re.fullmatch(rf"(\d{{1,2}})\. {word} (\d{{4}})", text):
            return dt.date(int(m[3]), months[m[2]], int(m[1])).isoformat(), None
        if m := re.fullmatch(rf"(\d{{1,2}})\.–(\d{{1,2}})\. {word} (\d{{4}})", text):
            month, year = months[m[3]], int(m[4])
            return dt.date(year, month, int(m[1])).isoformat(), dt.date(year, month, int(m[2])).isoformat()
        if m := re.fullmatch(rf"(\d{{1,2}})\. {word}(?: (\d{{4}}))?–(\d{{1,2}})\. {word} (\d{{4}})", text):
            last_year = int(m[6])
            first = dt.date(int(m[3]) if m[3] else last_year, months[m[2]], int(m[1]))
            return first.isoformat(), dt.date(last_year, months[m[5]], int(m[4])).isoformat()
    except (KeyError, ValueError):
        return None
    return None


def unwrap(text: str, marker: str) -> str:
    """'**Dato**' → 'Dato' where the style is the slot's own (table headers are bold, captions italic)."""
    inner = text[len(marker):-len(marker)]
    if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker) and "*" not in inner \
            and not text.endswith("\\" + marker):
        return inner
    return text


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_REST = {"notes": N_("the rest of the notes (longer than kkrdeck's {limit} characters): "),
         "lead": N_("the rest of the lead (longer than kkrdeck's {limit} characters): "),
         "bullet": N_("the rest of the bullet (longer than kkrdeck's {limit} characters): ")}


def _limited(text: str, limit: int, entry: Entry | None, what: str) -> str:
    """Text within the outline's limit; what does not fit goes into a comment, so no word is lost."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    cut = cut if cut > limit // 2 else limit - 1
    if entry is not None:
        entry.comments.append(_(_REST[what]).format(limit=limit) + text[cut:].strip().replace("\n", " "))
    return text[:cut].rstrip() + "…"


_CHART_KINDS = (("doughnut", "doughnut"), ("pie", "pie"), ("bar_stacked", "stacked-bar"), ("bar", "bar"),
                ("column_stacked", "stacked-column"), ("column", "column"), ("line", "line"))


def _chart_kind(source: str) -> str | None:
    """python-pptx's chart type name (column_stacked_100, three_d_pie, line_markers …) → kkrdeck's chart kind."""
    name = source.removeprefix("three_d_")
    return next((kind for prefix, kind in _CHART_KINDS if name.startswith(prefix)), None)


def _value(value: float | None) -> int | float | None:
    """A chart value as the outline writes it: 8, 25.5, or None for a gap (written "")."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)
