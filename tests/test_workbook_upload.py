"""An analyst's own data as an Excel workbook: every hostile workbook refused with a located
reason (and openpyxl never shown a container that failed the zip checks), the rest read back
verbatim, problems reported at the Excel row, the check command on a workbook, and the panel's
dispatch between a zip and a workbook."""

import io
import time
import zipfile

import openpyxl
import pytest
from openpyxl import load_workbook

from components.data.check import main as check
from components.data.contract import TABLES
from components.data.loader import load_dataset
from components.data.upload import Limits
from components.data.workbook import write_workbook
from components.data.workbook_upload import (
    MARKER,
    OLE_MAGIC,
    excel_rows,
    from_workbook,
    in_sheets,
    materialise_workbook,
    open_workbook,
)
from components.sections.base import context
from components.sections.sources import sources_and_data
from components.ui.text import md_escape
from tests.support import ROOT, plain, run_app

DATA = ROOT / "data"
BUNDLED_FLOWS = (DATA / "trade_flows.csv").read_bytes()


@pytest.fixture(scope="module")
def good() -> bytes:
    out = io.BytesIO()
    write_workbook(DATA, out)
    return out.getvalue()


def edited(blob: bytes, edit) -> bytes:
    """The workbook `blob` with `edit(book)` applied, saved again by openpyxl."""
    book = load_workbook(io.BytesIO(blob))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezipped(blob: bytes, change=lambda name, data: data, extra=None) -> bytes:
    """The workbook's zip with each part through `change(name, data)` and `extra` parts added
    (what openpyxl would never write)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def no_openpyxl(monkeypatch):
    """openpyxl must not be called: the container failed before it."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise RuntimeError("openpyxl was given a workbook that failed the zip checks")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    yield
    assert not calls, "openpyxl was given a workbook that failed the zip checks"


def refused(blob: bytes, name: str = "mine.xlsx", limits: Limits | None = None) -> list[str]:
    got = open_workbook(blob, name, limits or Limits())
    assert not got.ok and not got.files, got
    return got.refusals


# --- accepted -------------------------------------------------------------------------------

def test_a_good_workbook_gives_the_bundled_csvs_byte_for_byte(good):
    got = open_workbook(good, "corridor_data.xlsx")
    assert got.ok and not got.refusals
    assert len(got.files) == 18
    for name, data in got.files.items():
        assert data == (DATA / name).read_bytes(), name


def test_markup_in_a_cell_comes_through_verbatim(good, tmp_path):
    markup = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) $x$ <b>hi</b>"

    def put(book):
        book["trade_flows"]["O2"] = markup  # the note of the first flow
    got = open_workbook(edited(good, put), "mine.xlsx")
    assert got.ok, got.refusals
    folder = materialise_workbook(got.files, DATA, root=tmp_path)
    data = load_dataset(folder)
    assert not data.broken
    assert data["trade_flows"]["note"].iloc[0] == markup  # the data, as typed
    shown = md_escape(markup)  # how the UI writes it: every markup character escaped
    assert "\\<script\\>" in shown and "\\*\\*bold\\*\\*" in shown and "\\[x\\]" in shown
    assert plain(shown) == markup


def test_a_sheet_left_out_is_taken_from_the_bundled_data(good, tmp_path):
    def keep_flows(book):
        for name in list(book.sheetnames):
            if name not in ("trade_flows", "README"):
                del book[name]
        book["trade_flows"]["J2"] = 99_900_000
    got = open_workbook(edited(good, keep_flows), "mine.xlsx")
    assert got.ok and set(got.files) == {"trade_flows.csv"}
    folder = materialise_workbook(got.files, DATA, root=tmp_path)
    assert (folder / "events.csv").read_bytes() == (DATA / "events.csv").read_bytes()
    assert b"99900000" in (folder / "trade_flows.csv").read_bytes()
    assert from_workbook(folder) and (folder / MARKER).is_file()
    assert not load_dataset(folder).broken
    # the same tables from a zip keep a folder of their own, one that speaks of files
    from components.data.upload import materialise
    zipped = materialise(got.files, DATA, root=tmp_path)
    assert zipped != folder and not from_workbook(zipped)


# --- refused before openpyxl sees it ----------------------------------------------------

def test_an_old_xls_and_a_binary_xlsb_are_refused(no_openpyxl):
    xls = OLE_MAGIC + b"\xa1\xb1\x1a\xe1" + bytes(4096)
    (reason,) = refused(xls, "old.xls")
    assert "an Excel 97–2003 .xls workbook" in reason and "save it as .xlsx" in reason
    # the same content under another name is still an .xls
    assert "Excel 97–2003" in refused(xls, "renamed.xlsx")[0]
    assert "binary workbook (.xlsb)" in refused(b"PK\x03\x04", "book.xlsb")[0]
    bin_inside = io.BytesIO()
    with zipfile.ZipFile(bin_inside, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01")
    assert any("binary workbook (.xlsb)" in r for r in refused(bin_inside.getvalue()))
    assert refused(b"just text", "notes.xlsx") == ["notes.xlsx is not an Excel workbook (.xlsx)."]


def test_the_size_limit(good, no_openpyxl):
    (reason,) = refused(good, limits=Limits(zip_bytes=100_000))
    assert reason.startswith("mine.xlsx is 0.1 MB; the limit is")


def test_macro_enabled_workbooks_are_refused(good, no_openpyxl):
    macros = "a macro-enabled workbook; save it as .xlsx without macros"
    for name in ("mine.xlsm", "mine.XLTM", "addin.xlam"):
        assert macros in refused(good, name)[0]
    with_vba = rezipped(good, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"})
    assert any(macros in r for r in refused(with_vba, "innocent.xlsx"))
    typed = rezipped(good, lambda n, d: d.replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
        if n == "[Content_Types].xml" else d)
    assert any(macros in r for r in refused(typed, "innocent.xlsx"))


def test_a_zip_bomb_inside_the_container_is_refused_unread(good, no_openpyxl):
    # 200 MB of zeros compress to about 200 kB: under the upload limit, far over the unpacked
    bomb = io.BytesIO(good)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, \
            z.open("xl/media/image1.png", "w", force_zip64=True) as f:
        chunk = bytes(1024 * 1024)
        for _ in range(200):
            f.write(chunk)
    blob = bomb.getvalue()
    assert len(blob) < 1024 * 1024
    reasons = refused(blob)
    assert any("expands to 201 MB; the limit is 60 MB" in r for r in reasons), reasons
    assert any("“xl/media/image1.png” is over 20 MB unpacked" in r for r in reasons), reasons


def test_a_container_that_lies_about_its_sizes_is_stopped_while_reading(good, no_openpyxl):
    data = bytearray(good)
    # shrink the declared size of the first part in the central directory to 10 bytes
    at = data.find(b"PK\x01\x02")
    data[at + 24:at + 28] = (10).to_bytes(4, "little")
    (reason,) = refused(bytes(data))
    assert "cannot be read" in reason and "“docProps/app.xml”" in reason


def test_xml_entities_are_refused(good, no_openpyxl):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')
    blob = rezipped(good, lambda n, d: laughs + d if n == "xl/worksheets/sheet7.xml" else d)
    (reason,) = refused(blob)
    assert "“xl/worksheets/sheet7.xml” declares XML entities" in reason


@pytest.mark.parametrize("sheet", ["../trade_flows", "a/b", "C:\\x", "..\\..\\etc"])
def test_a_sheet_named_like_a_path_is_refused_by_its_literal_name(good, sheet, no_openpyxl):
    blob = rezipped(good, lambda n, d: d.replace(
        b'name="trade_flows"', f'name="{sheet}"'.encode()) if n == "xl/workbook.xml" else d)
    (reason,) = refused(blob)
    assert reason.startswith(f"sheet “{sheet}” is named like a path")


def test_an_unknown_sheet_is_refused_by_name(good):
    notes = edited(good, lambda book: book.create_sheet("my notes"))
    # a table's name, but not as the table spells it (openpyxl itself would not write it)
    blob = rezipped(notes, lambda n, d: d.replace(b'name="deals"', b'name="Deals"')
                    if n == "xl/workbook.xml" else d)
    reasons = refused(blob)
    assert [r.split(" is ")[0] for r in reasons] == ["sheet “Deals”", "sheet “my notes”"]
    assert "not one of the tables" in reasons[0] and "trade_flows" in reasons[0]


# --- refused for what a table sheet holds ---------------------------------------------------

def test_formulas_are_refused_with_their_cells(good):
    def formulas(book):
        sheet = book["trade_flows"]
        for cell in ("C5", "D9", "J12", "J13", "J14", "J15", "J16"):
            sheet[cell] = "=1+1"
        book["deals"]["B2"] = "=SUM(A1:A3)"
    reasons = refused(edited(good, formulas))
    assert reasons == [
        "sheet trade_flows: formulas in C5, D9, J12, J13, J14 (and 2 more); type the values "
        "instead",
        "sheet deals, cell B2: a formula (=SUM(A1:A3)); type the value instead"]


def test_merged_cells_are_refused_with_their_ranges(good):
    def merge(book):
        book["trade_flows"].merge_cells("B3:C3")
        book["trade_flows"].merge_cells("A10:A11")
    (reason,) = refused(edited(good, merge))
    assert reason == ("sheet trade_flows: merged cells B3:C3, A10:A11; unmerge them and fill in "
                      "each cell.")


def test_a_sheet_reaching_the_last_excel_row_is_refused_at_once(good):
    blob = edited(good, lambda book: book["events"].cell(1_048_576, 1, "x"))
    started = time.perf_counter()
    (reason,) = refused(blob)
    assert time.perf_counter() - started < 2
    assert reason.startswith("sheet events reaches row 1,048,576; a table sheet may hold at "
                             "most 100,000 rows")


def test_serial_numbers_and_text_in_date_columns_are_refused_where_they_are(good):
    def dates(book):
        flows = book["trade_flows"]
        flows["H2"] = 45292  # period_start: a serial date shown as General
        flows["H2"].number_format = "General"
        flows["I3"] = "03/04/2024"  # period_end
        flows["I4"] = "4 March 2024"
        flows["I5"] = "2024-03-04"  # text, but yyyy-mm-dd: fine
    reasons = refused(edited(good, dates))
    assert reasons == [
        "sheet trade_flows, row 2, column 'period_start': 45292 is an Excel serial number, not "
        "a date; format the cell as a date.",
        "sheet trade_flows, row 3, column 'period_end': '03/04/2024' is a date stored as text "
        "in another format; enter it as a date or as yyyy-mm-dd.",
        "sheet trade_flows, row 4, column 'period_end': '4 March 2024' is a date stored as text "
        "in another format; enter it as a date or as yyyy-mm-dd."]


def test_error_values_are_refused_with_their_cells(good):
    def errors(book):
        for at, error in (("J4", "#N/A"), ("J7", "#DIV/0!")):
            book["trade_flows"][at] = error
            book["trade_flows"][at].data_type = "e"
    assert refused(edited(good, errors)) == [
        "sheet trade_flows: error values (#DIV/0!, #N/A) in J4, J7; type the values instead."]


def test_a_number_keeps_its_decimals_whatever_its_format(good):
    def typed(book):
        flows = book["trade_flows"]
        flows["J2"], flows["J2"].number_format = 1234.5, "General"  # Excel's default format
        flows["J3"], flows["J3"].number_format = 0.35, "0%"
        flows["J4"], flows["J4"].number_format = 197000000.0, "General"
    got = open_workbook(edited(good, typed), "mine.xlsx")
    assert got.ok, got.refusals
    rows = got.files["trade_flows.csv"].decode().splitlines()
    assert [r.split(",")[9] for r in rows[1:4]] == ["1234.5", "0.35", "197000000"]


def test_an_empty_header_row_is_refused(good):
    def shift(book):
        book["sectors"].insert_rows(1)
    assert refused(edited(good, shift)) == [
        "sheet sectors: row 1 is empty; put the column names in row 1 (or delete the sheet to "
        "keep the bundled table)."]


# --- wrong types: the validation report, at the Excel row -----------------------------------

@pytest.fixture(scope="module")
def wrong_type(good) -> bytes:
    """value_usd 'lots' in Excel row 6 of trade_flows, below a cell holding a line break (row
    3) and a blank row (row 4)."""
    def edit(book):
        flows = book["trade_flows"]
        flows["O3"] = "first line\nsecond line"
        flows.insert_rows(4)
        flows["J6"] = "lots"
    return edited(good, edit)


def test_wrong_types_are_reported_at_the_excel_row(wrong_type, tmp_path):
    got = open_workbook(wrong_type, "wrong.xlsx")
    assert got.ok, got.refusals  # not refused: the usual validation says what is wrong
    text = got.files["trade_flows.csv"].decode()
    assert text.splitlines()[4] == "," * 14  # the blank row kept: the CSV's records are rows
    assert excel_rows(text)[7] == 6  # its 6th record starts on line 7 (after the line break)
    folder = materialise_workbook(got.files, DATA, root=tmp_path)
    data = load_dataset(folder)
    (problem,) = [p for p in data.problems if p.column == "value_usd"]
    assert problem.row == 7  # the loader counts the file's lines
    report = sources_and_data(context(data)).report
    assert report.errors.startswith("1 error(s) in sheets trade_flows:")
    frame = report.problems
    assert list(frame.columns) == ["severity", "sheet", "row", "column", "problem"]
    row = frame[frame["column"] == "value_usd"].iloc[0]
    assert (row["sheet"], row["row"]) == ("trade_flows", 6)
    assert in_sheets(problem).startswith("sheet trade_flows, row 7, column 'value_usd': ")


# --- the check command on a workbook --------------------------------------------------------

def test_check_a_good_workbook(good, tmp_path, capsys):
    path = tmp_path / "good.xlsx"
    path.write_bytes(good)
    assert check([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("0 errors, 0 warnings")
    assert f"{path}: 18 tables (all 18 from the workbook)" in out


def test_check_a_workbook_with_a_wrong_type(wrong_type, tmp_path, capsys):
    path = tmp_path / "wrong.xlsx"
    path.write_bytes(wrong_type)
    assert check([str(path)]) == 1
    out = capsys.readouterr().out
    assert "error: sheet trade_flows, row 6, column 'value_usd': " in out, out
    assert "1 errors" in out


def test_check_refuses_a_hostile_workbook(good, tmp_path, capsys):
    macros = tmp_path / "mine.xlsm"
    macros.write_bytes(good)
    assert check([str(macros)]) == 1
    out = capsys.readouterr().out
    assert "refused: mine.xlsm is a macro-enabled workbook" in out
    old = tmp_path / "old.xls"
    old.write_bytes(OLE_MAGIC + bytes(100))
    assert check([str(old)]) == 1
    assert "refused: old.xls is an Excel 97–2003 .xls workbook" in capsys.readouterr().out


# --- the panel: one uploader, a zip or a workbook -------------------------------------------

def test_the_panel_dispatches_on_name_and_content(good, tmp_path):
    from components.ui.own_data import UPLOAD_TYPES, accept

    assert {"zip", "xlsx", "xlsm", "xls", "xlsb"} <= set(UPLOAD_TYPES)
    one = edited(good, lambda book: [book.remove(book[n]) for n in list(book.sheetnames)
                                     if n not in ("trade_flows", "deals")])
    own, refusals = accept("mine.xlsx", one, DATA, root=tmp_path)
    assert not refusals and own["kind"] == "workbook"
    assert own["tables"] == ["deals", "trade_flows"] and from_workbook(own["dir"])
    # a workbook renamed .zip is still a workbook (by its content)
    assert accept("mine.zip", one, DATA, root=tmp_path)[0]["kind"] == "workbook"
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("trade_flows.csv", BUNDLED_FLOWS)
    own, refusals = accept("mine.zip", zipped.getvalue(), DATA, root=tmp_path)
    assert not refusals and own["kind"] == "zip" and not from_workbook(own["dir"])
    own, refusals = accept("mine.xlsm", good, DATA, root=tmp_path)
    assert own is None and "macro-enabled" in refusals[0]


def test_the_sources_page_reports_a_workbook_by_sheet_and_row(wrong_type, monkeypatch,
                                                              tmp_path):
    got = open_workbook(wrong_type, "wrong.xlsx")
    folder = materialise_workbook(got.files, DATA, root=tmp_path)
    at = run_app(monkeypatch, DATA, page="app_pages/sources.py", session={"own_data": {
        "dir": str(folder), "name": "wrong.xlsx", "kind": "workbook",
        "tables": sorted(n.removesuffix(".csv") for n in got.files)}})
    info = " ".join(plain(i.value) for i in at.info)
    # a downloaded workbook holds every table: none is bundled
    assert (f"This session uses your data from wrong.xlsx: all {len(TABLES)} sheets from it."
            in info)
    (frame,) = [d.value for d in at.dataframe if "sheet" in d.value.columns]
    row = frame[frame["column"] == "value_usd"].iloc[0]
    assert (row["sheet"], row["row"]) == ("trade_flows", 6)
