"""Make the messy trackers the import tests read: ``python tests/data/make_trackers.py`` (re-run on change).

Every file is made here, so what each test expects can be checked against the code that made it. The
files are committed too, so the tests do not depend on this script running first.

Good trackers:
- ``basildon_csp_actions.xlsx``: title rows, merged cells, a marking line, a blank row, section headings
  inside the table, two action sheets and a sheet of lists, UK dates as text and as real dates, two-digit
  years, TBC and ongoing, RAG by fill colour only, names beyond English, text starting with ``=``,
  formula cells with and without a cached value.
- ``chelmsford_da_actions.csv``: Windows-1252 text, header below a title, US-order and impossible dates.
- ``utf8_bom_actions.csv``: UTF-8 with a byte-order mark.
- ``members.xlsx``: a member list (name, job title, organisation, email, telephone).

Bad files (each must be refused in one line): ``not_a_spreadsheet.xlsx``, ``notes.pdf``,
``password_protected.xlsx`` (an OLE compound file, as Excel writes an encrypted workbook),
``no_header.xlsx``, ``billion_laughs.xlsx``, ``zip_bomb.xlsx`` (60 MB of XML from ~60 KB),
``zip_bomb_bz2.xlsx`` (300 MB from a few hundred bytes), ``too_many_rows.xlsx`` (200,001 rows, tiny).
"""

# ruff: noqa: E501  (the XML skeleton of a workbook reads best on one line a part)
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = Path(__file__).resolve().parent
FIXED_TIME = (2025, 6, 1, 12, 0, 0)  # zip entries get a fixed date so the files are byte-for-byte repeatable

RED, AMBER, GREEN, BLUE = "FFFF0000", "FFFFC000", "FF00B050", "FF0070C0"


def fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def literal(ws, coordinate: str, value: str) -> None:
    """Text that starts with '=' kept as text, as Excel does for a cell typed with a leading apostrophe."""
    ws[coordinate] = value
    ws[coordinate].data_type = "s"


def basildon() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Open actions"
    ws["A1"] = "Basildon Community Safety Partnership"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:L1")
    ws["A2"] = "Action Log 2025"
    ws.merge_cells("A2:L2")
    ws["A3"] = "OFFICIAL-SENSITIVE"
    ws.merge_cells("A3:L3")
    header = [
        "Ref",
        "Date Raised",
        "Meeting",
        "Minute Ref",
        "Action",
        "Lead Officer",
        "Organisation",
        "Target Date",
        "Revised Date",
        "Status",
        "RAG",
        "Progress / Comments",
    ]
    ws.append([])  # row 4 blank
    for col, label in enumerate(header, start=1):
        ws.cell(row=5, column=col, value=label).font = Font(bold=True)
    ws["A6"] = "Domestic Abuse"
    ws.merge_cells("A6:L6")
    rows = [
        # row 7: real date raised, text due, two-digit revised year, RAG by red fill only, dated updates
        [
            "BCSP/25/001",
            datetime(2025, 1, 14),
            "CSP 14/01/2025",
            "5.1",
            "Review the MARAC referral pathway with Łukasz Nowak",
            "Jan Wójcik (Basildon Council)",
            None,
            "28/02/2025",
            "31/03/25",
            "In progress",
            None,
            "03/03/2025: Draft pathway circulated\n20/03/2025 - Awaiting sign-off by the chair",
        ],
        # row 8: text date raised with two-digit year, TBC due, RAG amber by fill only
        [
            "BCSP/25/002",
            "14/01/25",
            datetime(2025, 1, 14),
            "5.2",
            "Ensure DA champions are trained in every secondary school",
            "Siobhán O'Brien",
            "Essex Police",
            "TBC",
            None,
            "Open",
            None,
            "Training dates being sought",
        ],
    ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            ws.cell(row=7 + offset, column=col, value=value)
    ws["K7"].fill = fill(RED)
    ws["K8"].fill = fill(AMBER)
    # row 9 blank; row 10 a section heading
    ws["A10"] = "Night Time Economy"
    ws.merge_cells("A10:L10")
    ws["A10"].fill = fill("FFD9D9D9")
    # row 11: a description starting with '=', 'ongoing' due, Czech name, RAG as text
    for col, value in enumerate(
        [
            "BCSP/25/003",
            "11 March 2025",
            "CSP 11/03/2025",
            "6.1",
            None,
            "Tomáš Dvořák",
            "Essex County Fire and Rescue Service",
            "ongoing",
            None,
            "Ongoing",
            "G",
            None,
        ],
        start=1,
    ):
        ws.cell(row=11, column=col, value=value)
    literal(ws, "E11", "=Agree the licensing visits schedule with the Pubwatch chair")
    # row 12: a number as ref, real due date, two owners, complete, RAG blue by fill
    for col, value in enumerate(
        [
            4,
            datetime(2025, 3, 11),
            None,
            "6.2",
            "Publish the NTE safety leaflet",
            "Łukasz Nowak / Siobhán O'Brien",
            "Basildon Council",
            datetime(2025, 4, 30),
            None,
            "Complete",
            None,
            "30/04/2025 Published on the council website",
        ],
        start=1,
    ):
        ws.cell(row=12, column=col, value=value)
    ws["K12"].fill = fill(BLUE)
    # row 13: impossible date, unknown status, unknown RAG word: kept in notes, never guessed
    for col, value in enumerate(
        [
            "BCSP/25/005",
            "11/03/2025",
            None,
            None,
            "Chase the CCTV upgrade bid",
            "Jan Wójcik",
            None,
            "13/25/2025",
            None,
            "Stuck",
            "Purple",
            None,
        ],
        start=1,
    ):
        ws.cell(row=13, column=col, value=value)
    # row 14: formulas: the ref has a cached value, the due date has none (never evaluated)
    ws["A14"] = '="BCSP/25/"&TEXT(6,"000")'
    ws["B14"] = datetime(2025, 3, 11)
    ws["E14"] = "Map hate crime reporting centres"
    ws["F14"] = "Zoë Adeyemi"
    ws["G14"] = "Basildon Council"
    ws["H14"] = "=TODAY()+30"
    ws["J14"] = "Open"
    ws["A16"] = "OFFICIAL-SENSITIVE"  # the marking repeated below the table
    ws.column_dimensions["E"].width = 50

    closed = wb.create_sheet("Closed actions")
    closed["A1"] = "Closed actions (moved here when complete)"
    closed.append([])
    closed.append(["No.", "Action", "Owner", "Agency", "Due", "Date Closed", "Comments"])
    closed.append(
        [
            "BCSP/24/017",
            "Refresh the ASB case review leaflet",
            "Jan Wójcik",
            "Basildon Council",
            datetime(2024, 11, 30),
            datetime(2024, 12, 2),
            "Done",
        ]
    )
    closed.append(
        [
            "BCSP/24/018",
            "Share the hotspot map with PCSOs",
            "PC Ann Lee (Essex Police)",
            None,
            "15/12/24",
            "3 January 2025",
            None,
        ]
    )
    closed.append(
        [
            None,
            "Write to the Home Office about knife arches",
            "Siobhán O'Brien",
            "Essex Police",
            "next meeting",
            "10/01/2025",
            None,
        ]
    )
    # the same ref as on the first sheet, copied across as a closed log is: the closed sheet's row wins, and
    # what it leaves blank comes from the open sheet's row (which is left out, saying so)
    closed["A8"] = "BCSP/25/001"
    closed["B8"] = "Review the MARAC referral pathway with Łukasz Nowak"

    lists = wb.create_sheet("Lists")
    for value in ["Open", "In progress", "Complete", "Withdrawn"]:
        lists.append([value])
    save_with_cached_values(wb, HERE / "basildon_csp_actions.xlsx", {"A14": "BCSP/25/006"})


def save_with_cached_values(wb: Workbook, path: Path, cached: dict[str, str]) -> None:
    """Save, then give some formula cells a cached value, as Excel does when it saves a workbook."""
    buffer = io.BytesIO()
    wb.save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, value in cached.items():
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>',
                        text,
                    )
                data = text.encode("utf-8")
            target.writestr(_entry(item.filename), _fixed_times(item.filename, data))
    path.write_bytes(out.getvalue())


def _entry(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = compress
    return info


def chelmsford_csv() -> None:
    lines = [
        "Chelmsford Domestic Abuse Board - action log,,,,,",
        ",,,,,",
        "Action No,Description,Responsible,Deadline,Status,Update",
        "DAB/1,Agree the Clare's Law leaflet wording,Renée Dupont,05/06/2025,Open,",
        "DAB/2,Book the Ask for ANI training,José Núñez,June 5 2025,In progress,02/06/2025: venue booked",
        "DAB/3,Audit refuge referrals,Siobhán Kelly,04/13/2025,Open,",
        ",,,,,",
        "DAB/4,Circulate the DHR action plan,Zoë Adeyemi,next meeting,Open,",
    ]
    (HERE / "chelmsford_da_actions.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def utf8_bom_csv() -> None:
    lines = [
        "Ref;Action;Owner;Agency;Due date;RAG",
        "H1;Recruit two hate crime reporting centres;Łukasz Nowak;Basildon Council;3/4/25;A",
        "H2;Translate the reporting leaflet into Polish;Tomáš Dvořák;Essex Police;2025-05-01;G",
    ]
    (HERE / "utf8_bom_actions.csv").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))


def members() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Members"
    ws["A1"] = "Basildon CSP membership"
    ws.append([])
    ws.append(["Name", "Job Title", "Organisation", "Email", "Telephone"])
    ws.append(
        ["Jan Wójcik", "Community Safety Manager", "Basildon Council", "jan.wojcik@basildon.example", "01268 000001"]
    )
    ws.append(["Łukasz Nowak", "Licensing Officer", "Basildon Council", "lukasz.nowak@basildon.example", None])
    ws.append(["Siobhán O'Brien", "Chief Inspector", "Essex Police", "siobhan.obrien@essex.police.example", "101"])
    ws.append([])
    ws.append(["Tomáš Dvořák", "Station Manager", "Essex County Fire and Rescue Service", "not an address", None])
    ws.append([None, "Vacancy", "Probation Service", None, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    (HERE / "members.xlsx").write_bytes(_repack(buffer.getvalue()))


def _repack(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(_entry(item.filename), _fixed_times(item.filename, source.read(item.filename)))
    return out.getvalue()


def _fixed_times(name: str, data: bytes) -> bytes:
    """openpyxl stamps the time of saving in docProps/core.xml: fix it, so a re-run changes no file."""
    if name != "docProps/core.xml":
        return data
    return re.sub(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", b"2025-06-01T12:00:00Z", data)


def minimal_xlsx(sheet_xml: bytes, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A valid workbook of one sheet whose XML is given: the skeleton Excel needs, and no more."""
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(_entry(name), data)
        archive.writestr(_entry("xl/worksheets/sheet1.xml", compress), sheet_xml)
    return out.getvalue()


SHEET_OPEN = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_CLOSE = b"</sheetData></worksheet>"


def bad_files() -> None:
    (HERE / "not_a_spreadsheet.xlsx").write_bytes(b"Minutes of the meeting held on 3 March 2025\n")
    (HERE / "notes.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    (HERE / "password_protected.xlsx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24 + b"EncryptionInfo" + bytes(range(256)) * 4
    )
    wb = Workbook()
    wb.active.append(["Minutes of the meeting"])
    wb.active.append(["Present", "Apologies"])
    wb.active.append(["Jan Wójcik", "Siobhán O'Brien"])
    buffer = io.BytesIO()
    wb.save(buffer)
    (HERE / "no_header.xlsx").write_bytes(_repack(buffer.getvalue()))
    laughs = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + b"".join(
            f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
            for i in range(1, 10)
        )
        + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    (HERE / "billion_laughs.xlsx").write_bytes(minimal_xlsx(laughs))
    padding = b" " * (60 * 1024 * 1024)
    (HERE / "zip_bomb.xlsx").write_bytes(minimal_xlsx(SHEET_OPEN + padding + SHEET_CLOSE))
    huge = b" " * (300 * 1024 * 1024)
    (HERE / "zip_bomb_bz2.xlsx").write_bytes(minimal_xlsx(SHEET_OPEN + huge + SHEET_CLOSE, zipfile.ZIP_BZIP2))
    rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 200_001
    (HERE / "too_many_rows.xlsx").write_bytes(minimal_xlsx(SHEET_OPEN + rows + SHEET_CLOSE))


def main() -> None:
    basildon()
    chelmsford_csv()
    utf8_bom_csv()
    members()
    bad_files()
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.name:32} {path.stat().st_size:>9,} bytes")


if __name__ == "__main__":
    main()
