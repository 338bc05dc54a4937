"""A chart part and its embedded workbook: python-pptx's chart XML, coloured and sized from the theme, and XlsxWriter.

Imported only for a deck with a chart: python-pptx, lxml and XlsxWriter are what a chart costs.
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.enum.chart import XL_CHART_TYPE

from kkrdeck.plan.data import Chart

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = "Sheet1"  # the name python-pptx's formulas (Sheet1!$B$1) refer to
_TYPES = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "stacked-column": XL_CHART_TYPE.COLUMN_STACKED,
          "bar": XL_CHART_TYPE.BAR_CLUSTERED, "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
          "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE, "doughnut": XL_CHART_TYPE.DOUGHNUT}
_AXIS_IDS = ("50010001", "50010002")  # python-pptx writes negative ids, which the schema (unsignedInt) refuses
_WORKBOOK_TIME = dt.datetime(2000, 1, 1)  # a fixed creation time keeps the same deck the same bytes


def _c(tag: str) -> str:
    return f"{{{C_NS}}}{tag}"


def _el(tag: str, **attrs: str) -> etree._Element:
    ns, _, name = tag.partition(":")
    return etree.Element(f"{{{C_NS if ns == 'c' else A_NS}}}{name}", **attrs)


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


def number_format(unit: str | None, language: str | None = None) -> str:
    """Excel's format for the values: as they are, followed by the unit; with the deck's language as a locale
    prefix where it is known, so LibreOffice writes a Danish deck's decimals with a comma ('62,5 %'), as Excel
    and PowerPoint do on a Danish system."""
    locale = _LOCALES.get((language or "").lower()) or _LOCALES.get((language or "").lower().split("-")[0], "")
    prefix = f"[$-{locale}]" if locale else ""
    if not unit:
        return f"{prefix}General"
    clean = unit.replace('"', "").replace("\\", "")
    return f'{prefix}General" {clean}"'


# Windows locale ids (hex) of the languages a deck is likely written in; another language gets no prefix
_LOCALES = {"da": "406", "da-dk": "406", "en": "409", "en-us": "409", "en-gb": "809", "de": "407", "de-de": "407",
            "sv": "41D", "sv-se": "41D", "nb": "414", "nb-no": "414", "nn-no": "814", "fi": "40B", "fi-fi": "40B",
            "fr": "40C", "fr-fr": "40C", "nl": "413", "nl-nl": "413", "es": "C0A", "es-es": "C0A", "it": "410",
            "it-it": "410", "fo": "438", "kl": "46F", "is": "40F"}


def chart_data(chart: Chart) -> CategoryChartData:
    data = CategoryChartData(number_format=number_format(chart.unit))
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values))
    return data


def chart_xml(chart: Chart, language: str) -> bytes:
    """The chart part: python-pptx's XML for the kind and data, then theme colours, sizes, legend and labels."""
    xml = ChartXmlWriter(_TYPES[chart.chart], chart_data(chart)).xml
    root = etree.fromstring(xml.encode("utf-8"))
    ids = {}
    for el in root.iter(_c("axId"), _c("crossAx")):
        el.set("val", ids.setdefault(el.get("val"), _AXIS_IDS[len(ids) % 2]))
    date1904 = root.find(_c("date1904"))
    if date1904 is None:
        date1904 = _el("c:date1904", val="0")
        root.insert(0, date1904)
    date1904.addnext(_el("c:lang", val=language))
    if root.find(_c("roundedCorners")) is None:  # else PowerPoint draws the chart's frame with round corners
        root.find(_c("lang")).addnext(_el("c:roundedCorners", val="0"))
    chart_el = root.find(_c("chart"))
    chart_el.find(_c("autoTitleDeleted")).set("val", "1")  # the slide's title is the chart's title
    plot = chart_el.find(_c("plotArea"))
    group = next(el for el in plot if el.tag.endswith("Chart"))
    _colour_series(group, chart)
    if chart.labels:
        _data_labels(group, chart, language)
    _axes(plot, chart, language)
    _legend(chart_el, plot, chart, language)
    size = str(int(round(chart.size * 100)))
    old = root.find(_c("txPr"))
    if old is not None:
        root.remove(old)
    chart_el.addnext(_text_properties(size, language, chart.text_colour))
    external = _el("c:externalData")
    external.set(f"{{{R_NS}}}id", "rId1")
    _sub(external, "c:autoUpdate", val="0")
    root.find(_c("txPr")).addnext(external)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fill(colour: str, shade: int = 0) -> etree._Element:
    fill = _el("a:solidFill")
    if colour in ("black", "white"):  # the last resort where no scheme colour reads (plan.legible)
        _sub(fill, "a:prstClr", val=colour)
        return fill
    scheme = _sub(fill, "a:schemeClr", val=colour)
    if shade:  # the seventh series and on: the accents again, lighter, so neighbours stay apart
        _sub(scheme, "a:lumMod", val="60000")
        _sub(scheme, "a:lumOff", val="40000")
    return fill


def _accent(n: int) -> tuple[str, int]:
    return f"accent{n % 6 + 1}", n // 6


def _colour_series(group: etree._Element, chart: Chart) -> None:
    """Each series in the theme's next accent (each slice, for a pie), so an organisation's template recolours it."""
    vary = group.find(_c("varyColors"))
    if vary is not None:
        vary.set("val", "1" if chart.chart in ("pie", "doughnut") else "0")
    for n, ser in enumerate(group.findall(_c("ser"))):
        sp = _el("c:spPr")
        if chart.chart == "line":
            ln = _sub(sp, "a:ln", w="38100", cap="rnd")
            ln.append(_fill(*_accent(n)))
            _sub(ln, "a:round")
        else:
            sp.append(_fill(*_accent(n)))
            ln = _sub(sp, "a:ln", w="12700" if chart.chart in ("pie", "doughnut") else "0")
            if chart.chart in ("pie", "doughnut"):
                ln.append(_fill("bg1"))
            else:
                _sub(ln, "a:noFill")
        ser.find(_c("tx")).addnext(sp)
        after = sp
        if chart.chart == "line":
            old = ser.find(_c("marker"))
            if old is not None:
                ser.remove(old)
            marker = _el("c:marker")
            _sub(marker, "c:symbol", val="circle")
            _sub(marker, "c:size", val="7")
            msp = _sub(marker, "c:spPr")
            msp.append(_fill(*_accent(n)))
            _sub(_sub(msp, "a:ln", w="9525"), "a:noFill")
            sp.addnext(marker)
            after = marker
        if chart.chart in ("pie", "doughnut"):
            for point in range(len(chart.categories)):
                dpt = _el("c:dPt")
                _sub(dpt, "c:idx", val=str(point))
                _sub(dpt, "c:bubble3D", val="0")
                psp = _sub(dpt, "c:spPr")
                psp.append(_fill(*_accent(point)))
                pln = _sub(psp, "a:ln", w="19050")
                pln.append(_fill("bg1"))
                after.addnext(dpt)
                after = dpt
    if chart.chart in ("column", "bar", "stacked-column", "stacked-bar"):
        gap = group.find(_c("gapWidth"))
        if gap is None:
            gap = _el("c:gapWidth")
            _after_series(group, gap)
        gap.set("val", "60")
    if chart.chart == "doughnut":
        group.find(_c("holeSize")).set("val", "55")


def _after_series(group: etree._Element, el: etree._Element) -> None:
    """Insert after the last series (and its data labels), where the schema wants gapWidth, overlap, axes."""
    last = group.findall(_c("ser"))[-1]
    nxt = last.getnext()
    if nxt is not None and nxt.tag == _c("dLbls"):
        last = nxt
    last.addnext(el)


def _text_properties(size: str, language: str, colour: str = "tx1", rotate: bool = False,
                     bold: bool = False) -> etree._Element:
    tx = _el("c:txPr")
    body = _sub(tx, "a:bodyPr")
    if rotate:  # no slanted labels: PowerPoint wraps them instead, as the plan measured
        body.set("rot", "0")
        body.set("vert", "horz")
    _sub(tx, "a:lstStyle")
    p = _sub(tx, "a:p")
    rpr = _sub(_sub(p, "a:pPr"), "a:defRPr", sz=size, b="1" if bold else "0")
    rpr.append(_fill(colour))
    _sub(rpr, "a:latin", typeface="+mn-lt")
    _sub(rpr, "a:cs", typeface="+mn-cs")
    _sub(p, "a:endParaRPr", lang=language)
    return tx


def _data_labels(group: etree._Element, chart: Chart, language: str) -> None:
    """Every value written on its bar, point or slice, with the unit: inside a stack or ring in bg1, or in the colour
    the plan chose for each series (or slice) where bg1 does not read on it; outside in the chart's text colour."""
    old = group.find(_c("dLbls"))
    if old is not None:
        group.remove(old)
    inside = chart.chart in ("stacked-column", "stacked-bar", "doughnut")
    labels = _el("c:dLbls")
    _label_settings(labels, chart, language, "bg1" if inside else chart.text_colour, inside)
    if chart.chart in ("pie", "doughnut"):
        _sub(labels, "c:showLeaderLines", val="1")
    _after_series(group, labels)
    if not chart.inside_colours:
        return
    for n, ser in enumerate(group.findall(_c("ser"))):
        own = _el("c:dLbls")  # in schema order: after the series' data points, before its categories
        if chart.chart == "doughnut":  # one label a slice, each on its slice's accent
            for point, colour in enumerate(chart.inside_colours):
                one = _sub(own, "c:dLbl")
                _sub(one, "c:idx", val=str(point))
                _label_settings(one, chart, language, colour, True)
            _label_settings(own, chart, language, "bg1", True)
            _sub(own, "c:showLeaderLines", val="1")
        else:
            _label_settings(own, chart, language, chart.inside_colours[n % len(chart.inside_colours)], True)
        ser.find(_c("cat")).addprevious(own)


def _label_settings(labels: etree._Element, chart: Chart, language: str, colour: str, bold: bool) -> None:
    """numFmt, spPr, txPr, dLblPos and the show flags of a c:dLbls or c:dLbl, in the schema's order."""
    _sub(labels, "c:numFmt", formatCode=number_format(chart.unit, language), sourceLinked="0")
    sp = _sub(labels, "c:spPr")
    _sub(sp, "a:noFill")
    _sub(_sub(sp, "a:ln"), "a:noFill")
    labels.append(_text_properties(str(int(round(chart.size * 100))), language, colour, bold=bold))
    position = {"column": "outEnd", "bar": "outEnd", "stacked-column": "ctr", "stacked-bar": "ctr", "line": "t",
                "pie": "outEnd"}.get(chart.chart)
    if position:
        _sub(labels, "c:dLblPos", val=position)
    for flag, on in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0), ("showSerName", 0),
                     ("showPercent", 0), ("showBubbleSize", 0)):
        _sub(labels, f"c:{flag}", val=str(on))


def _axes(plot: etree._Element, chart: Chart, language: str) -> None:
    size = str(int(round(chart.size * 100)))
    horizontal = chart.chart in ("bar", "stacked-bar")
    for axis in plot.findall(_c("catAx")) + plot.findall(_c("valAx")):
        cross = axis.find(_c("crossAx"))
        is_value = axis.tag == _c("valAx")
        if is_value:
            gridlines = axis.find(_c("majorGridlines"))
            if gridlines is not None:
                gsp = _sub(gridlines, "c:spPr")
                ln = _sub(gsp, "a:ln", w="9525")
                ln.append(_faint(chart.text_colour, 18000))
            fmt = axis.find(_c("numFmt"))
            if fmt is None:
                fmt = _el("c:numFmt")
                anchor = axis.find(_c("majorGridlines")) if axis.find(_c("majorGridlines")) is not None else \
                    axis.find(_c("axPos"))
                anchor.addnext(fmt)
            if chart.unit == "%" and chart.chart.startswith("stacked") and _stacks_to_100(chart):
                scaling = axis.find(_c("scaling"))  # shares of a whole: the axis ends at 100 %, not 120 %
                for child in list(scaling):
                    scaling.remove(child)
                _sub(scaling, "c:orientation", val="minMax")
                _sub(scaling, "c:max", val="100")
                _sub(scaling, "c:min", val="0")
            fmt.set("formatCode", number_format(chart.unit, language))
            fmt.set("sourceLinked", "0")
        else:
            if horizontal:  # the first category at the top, as it is read, and the values below the bars
                axis.find(_c("scaling")).find(_c("orientation")).set("val", "maxMin")
        for mark in ("majorTickMark",):
            tick = axis.find(_c(mark))
            if tick is not None:
                tick.set("val", "none")
        sp = _el("c:spPr")
        ln = _sub(sp, "a:ln", w="9525")
        if is_value:
            _sub(ln, "a:noFill")
        else:
            ln.append(_faint(chart.text_colour, 30000))
        cross.addprevious(sp)
        cross.addprevious(_text_properties(size, language, chart.text_colour, rotate=not is_value))
        if is_value and horizontal:
            axis.find(_c("crosses")).set("val", "max")


def _faint(text_colour: str, amount: int) -> etree._Element:
    """A gridline's or axis line's fill: the chart's text colour, mostly transparent, so the line stays faint on
    whatever is behind the chart (a light line over a dark background crossed the labels outright)."""
    fill = _el("a:solidFill")
    colour = _sub(fill, "a:prstClr" if text_colour in ("black", "white") else "a:schemeClr", val=text_colour)
    _sub(colour, "a:alpha", val=str(amount))
    return fill


def _stacks_to_100(chart: Chart) -> bool:
    totals = [sum(v for v in column if v is not None) for column in zip(*(values for _, values in chart.series))]
    values = [v for _, vs in chart.series for v in vs if v is not None]
    return bool(totals) and min(values, default=0) >= 0 and 99 <= max(totals) <= 100.5


def _legend(chart_el: etree._Element, plot: etree._Element, chart: Chart, language: str) -> None:
    """A legend only where it tells something: several series, or a pie's slices."""
    old = chart_el.find(_c("legend"))
    if old is not None:
        chart_el.remove(old)
    if chart.legend:
        legend = _el("c:legend")
        _sub(legend, "c:legendPos", val="r" if chart.chart in ("pie", "doughnut") else "b")
        _sub(legend, "c:overlay", val="0")
        legend.append(_text_properties(str(int(round(chart.size * 100))), language, chart.text_colour))
        plot.addnext(legend)
        anchor = legend
    else:
        anchor = plot
    if chart_el.find(_c("plotVisOnly")) is None:
        anchor.addnext(_el("c:plotVisOnly", val="1"))


def workbook(chart: Chart) -> bytes:
    """The embedded workbook "Edit Data" opens: categories in column A, one series a column, names in row 1."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": _WORKBOOK_TIME})
    sheet = book.add_worksheet(SHEET)
    numbers = book.add_format({"num_format": number_format(chart.unit)})
    sheet.set_column(0, 0, max(10, min(40, max((len(c) for c in chart.categories), default=10) + 2)))
    sheet.write_column(1, 0, chart.categories)
    for column, (name, values) in enumerate(chart.series, start=1):
        sheet.write_string(0, column, name)
        for row, value in enumerate(values, start=1):
            if value is not None:
                sheet.write_number(row, column, value, numbers)
    book.close()
    return out.getvalue()
