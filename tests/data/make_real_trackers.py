"""Make the trackers with the traits of real ones (``python tests/data/make_real_trackers.py``): action logs,
RAID logs and templates as secretaries really keep them, one file per trait family plus combinations.

The files land in ``tests/data/real/`` and are committed; ``tests/imports/test_real_trackers.py`` asserts
the exact plan of each. What each file shows:

- ``headers_sno.xlsx``: ``S.No`` / ``Task Description`` / ``Date Identified`` / ``Target\\nDate`` /
  ``Responsible`` / ``Remarks``; title, marking line and a RAG key above; the table starts in column C.
- ``headers_raid_ids.csv``: ``raid_id``, ``Issue Title``, ``Date Logged``, ``target_date``, ``Action Owner``,
  ``Comments/ Resolution``.
- ``item_is_text.xlsx``: ``#``, ``Item``, ``Lead``, ``By when``, ``Progress``: Item is the action's text.
- ``item_is_ref.xlsx``: ``Item``, ``Action / Decision``, ``Owner (initials)``, ``Deadline``: Item is a ref.
- ``two_row_header.xlsx``: group labels merged above the real names; columns merged down both rows.
- ``help_row.xlsx``: a template's row of column explanations, then an example row, under the header.
- ``numbered_blanks.xlsx``: pre-numbered rows (``=C5+1`` with cached values) otherwise blank.
- ``separators_panel.xlsx``: whole-row merged separators, a totals row, a COUNTIF panel beside the table.
- ``open_closed.xlsx``: an Open and a Closed sheet holding the same refs (the closed one wins).
- ``raid_log.xlsx``: Risks, Assumptions, Issues, Dependencies and Actions sheets.
- ``append_mode.csv``: the same id on several rows (the last wins); ids with leading spaces, underscores.
- ``owners.csv``: every way an owner is written.
- ``excel_dates.xlsx``: real dates, serial numbers stored as numbers, UK text, two-digit years.
- ``us_dates.csv``: an exporter's month-first dates (``11/20/24``), and an ambiguous column.
- ``inconsistent.csv``: due before raised, closed before raised, Complete with no date closed.
- ``long_cell.xlsx``: a 25,000-character cell.
- ``mixed_encoding.csv``: UTF-8 lines and Windows-1252 lines in one file, and NUL bytes.
- ``combined_template.xlsx``: title, key, column B, two-row header, help row, numbered blanks, a panel,
  append-mode duplicates, US dates and owners with roles, all on one sheet.
- ``combined_raid.csv``: RAID-style ids and headers, append mode, inconsistent rows and US dates together.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent / "real"
FIXED_TIME = (2025, 6, 1, 12, 0, 0)


def save(wb: Workbook, name: str, cached: dict[tuple[int, str], str] | None = None) -> None:
    """Save with fixed zip times; formula cells listed in ``cached`` get the value Excel would have cached."""
    buffer = io.BytesIO()
    wb.save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if m and cached:
                text = data.decode("utf-8")
                for (sheet, ref), value in cached.items():
                    if sheet == int(m[1]):
                        text = re.sub(
                            rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                            rf'<c r="{ref}"\1><f>\2</f><v>{value}</v>',
                            text,
                        )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"", data)
            target.writestr(info, data)
    (HERE / name).write_bytes(out.getvalue())


def write_csv(name: str, lines: list[str], encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def headers_sno() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action Log"
    ws["C1"] = "Southend Community Safety Partnership: action tracker"
    ws["C2"] = "OFFICIAL"
    ws["C3"] = "Key: R = overdue, A = due within 14 days, G = on track"
    header = ["S.No", "Task Description", "Date Identified", "Target\nDate", "Responsible", "Remarks", "RAG"]
    for i, label in enumerate(header):
        cell = ws.cell(row=5, column=3 + i, value=label)
        cell.alignment = Alignment(wrap_text=True)
    rows = [
        [1, "Map the street drinking hotspots", "12/03/2025", "30/04/2025", "Priya Shah", "Walkabout booked", "G"],
        [2, "Refresh the ASB case review leaflet", "12/03/2025", "TBC", "Tom Reid", "", "A"],
        [3, "Report knife crime figures to the board", "09/04/2025", "14/05/2025", "Priya Shah", "", ""],
    ]
    for r, values in enumerate(rows, start=6):
        for c, value in enumerate(values):
            ws.cell(row=r, column=3 + c, value=value)
    save(wb, "headers_sno.xlsx")


def headers_raid_ids() -> None:
    write_csv(
        "headers_raid_ids.csv",
        [
            "raid_id,Issue Title,Date Logged,target_date,Action Owner,Comments/ Resolution,Status",
            "ISS-001,CCTV camera 14 offline,02/01/2025,31/01/2025,Dan Okoro,Engineer booked,Open",
            "ISS-002,Youth club lease ends in March,15/01/2025,28/02/2025,Meera Patel,,In progress",
        ],
    )


def item_is_text() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["#", "Item", "Lead", "By when", "Progress"])
    ws.append([1, "Agree the night-time economy patrol plan", "Sgt Kay Moss", "01/07/2025", "Draft shared"])
    ws.append([2, "Chase the licensing review", "Ali Khan", "15/07/2025", ""])
    save(wb, "item_is_text.xlsx")


def item_is_ref() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(["Item", "Action / Decision", "Owner (initials)", "Deadline"])
    ws.append(["4.1", "Circulate the draft Serious Violence Duty strategy", "JW", "20/06/2025"])
    ws.append(["4.2", "Confirm the venue for the next meeting", "AL", "06/06/2025"])
    save(wb, "item_is_ref.xlsx")


def two_row_header() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = "Ref"
    ws.merge_cells("A1:A2")
    ws["B1"] = "Action"
    ws.merge_cells("B1:B2")
    ws["C1"] = "Ownership"
    ws.merge_cells("C1:D1")
    ws["C2"] = "Lead"
    ws["D2"] = "Agency"
    ws["E1"] = "Dates"
    ws.merge_cells("E1:G1")
    ws["E2"] = "Raised"
    ws["F2"] = "Target date"
    ws["G2"] = "Completed"
    ws["H1"] = "Status"
    ws.merge_cells("H1:H2")
    ws.append(
        [
            "TR-1",
            "Install alley gates on Elm Road",
            "Nia Brown",
            "Thurrock Council",
            "03/02/2025",
            "30/06/2025",
            "",
            "Open",
        ]
    )
    ws.append(
        [
            "TR-2",
            "Train door staff in vulnerability",
            "Leo Grant",
            "Essex Police",
            "03/02/2025",
            "31/03/2025",
            "28/03/2025",
            "Complete",
        ]
    )
    save(wb, "two_row_header.xlsx")


def help_row() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action Items"
    ws.append(["Action ID", "Action Item", "Action Owner", "Date Added", "Due Date", "Status", "Notes"])
    ws.append(
        [
            "Unique number for the action",
            "Describe the action item to be carried out",
            "Who is responsible for addressing the action item?",
            "Date the action was added (dd/mm/yyyy)",
            "When must it be done by?",
            "Open / Closed",
            "Any other comments",
        ]
    )
    ws.append(
        [
            "e.g. AI-000",
            "Example: send the minutes to all members",
            "Jane Example",
            "01/01/2025",
            "08/01/2025",
            "Open",
            "",
        ]
    )
    ws.append(["AI-001", "Send the updated terms of reference", "Rosa Diaz", "10/02/2025", "24/02/2025", "Open", ""])
    ws.append(["AI-002", "Book the Q2 partnership meeting room", "Sam Cole", "10/02/2025", "10/03/2025", "Closed", ""])
    save(wb, "help_row.xlsx")


def numbered_blanks() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws["A1"] = "Action log"
    ws.append([])
    ws.append([])
    ws["C4"] = "No."
    ws["D4"] = "Action"
    ws["E4"] = "Owner"
    ws["F4"] = "Due"
    ws["C5"] = 1
    ws["D5"] = "Review the graffiti removal contract"
    ws["E5"] = "Bea Hall"
    ws["F5"] = "30/05/2025"
    ws["C6"] = "=C5+1"
    ws["D6"] = "Publish the hate crime reporting map"
    ws["E6"] = "Bea Hall"
    cached = {}
    for row in range(7, 15):
        ws[f"C{row}"] = f"=C{row - 1}+1"
        cached[(1, f"C{row}")] = str(row - 4)
    cached[(1, "C6")] = "2"
    save(wb, "numbered_blanks.xlsx", cached)


def separators_panel() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["Ref", "Action", "Owner", "Status", None, None, "Summary", "Count"])
    ws.append(["OPEN ACTIONS"])
    ws.merge_cells("A2:D2")
    ws.append(
        ["S1", "Recruit a second street pastor team", "Ola Ade", "Open", None, None, "Open", '=COUNTIF(D:D,"Open")']
    )
    ws.append(["S2", "Fund the taxi marshal scheme", "Ola Ade", "Open", None, None, "Closed", '=COUNTIF(D:D,"Closed")'])
    ws.append(["CLOSED ACTIONS"])
    ws.merge_cells("A5:D5")
    ws.append(["S0", "Agree the PSPO consultation text", "Kim Ng", "Closed", None, None, "Total", "=H3+H4"])
    ws.append([None, "Total actions: 3"])
    save(wb, "separators_panel.xlsx", {(1, "H3"): "2", (1, "H4"): "1", (1, "H6"): "3"})


def open_closed() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Open"
    ws.append(["Action Ref", "Action", "Owner", "Status", "Date Closed"])
    ws.append(["OC-1", "Review the shop watch radio scheme", "Eve Lamb", "Open", None])
    ws.append(["OC-2", "Publish the CSP annual report", "Eve Lamb", "Open", None])
    ws.append(["OC-3", "Set up the youth diversion panel", "Raj Mehta", "In progress", None])
    closed = wb.create_sheet("Closed")
    closed.append(["Action Ref", "Action", "Owner", "Status", "Date Closed"])
    closed.append(["OC-2", "Publish the CSP annual report", "Eve Lamb", "Complete", datetime(2025, 5, 2)])
    save(wb, "open_closed.xlsx")


def raid_log() -> None:
    wb = Workbook()
    risks = wb.active
    risks.title = "Risks"
    risks.append(["Risk ID", "Risk Description", "Owner", "Date Identified", "Status"])
    risks.append(["R-01", "Funding for the CCTV upgrade is withdrawn", "Finance Lead", "06/01/2025", "Open"])
    assumptions = wb.create_sheet("Assumptions")
    assumptions.append(["ID", "Assumption", "Owner", "Date Added"])
    assumptions.append(["AS-01", "Partners keep their current staffing", "Chair", "06/01/2025"])
    issues = wb.create_sheet("Issues")
    issues.append(["Issue ID", "Issue Description", "Owner", "Date Raised", "Target Date", "Status"])
    issues.append(["I-01", "Data sharing agreement not yet signed", "Hana Ito", "13/01/2025", "28/02/2025", "Open"])
    deps = wb.create_sheet("Dependencies")
    deps.append(["Dependency ID", "Description", "Owner", "Due Date"])
    deps.append(["D-01", "County CCTV contract renewal", "Hana Ito", "31/03/2025"])
    actions = wb.create_sheet("Actions")
    actions.append(["Action ID", "Action Description", "Owner", "Date Raised", "Due Date", "Status"])
    actions.append(["A-01", "Draft the data sharing agreement", "Hana Ito", "13/01/2025", "07/02/2025", "Open"])
    actions.append(["A-02", "Ask the county for the CCTV timetable", "Max Bell", "13/01/2025", "14/02/2025", "Open"])
    save(wb, "raid_log.xlsx")


def append_mode() -> None:
    write_csv(
        "append_mode.csv",
        [
            "Action Ref,Action,Owner,Status,Progress",
            "AM-1,Survey the underpass lighting,Gus Hart,Open,01/03/2025: survey booked",
            "AM-2,Fix the broken gate at the park,Ivy Cho,Open,",
            " AM-1,Survey the underpass lighting,Gus Hart,In progress,15/03/2025: half done",
            "_AM-2,Fix the broken gate at the park,Ivy Cho,Open,",
            "AM-1 ,Survey the underpass lighting,Gus Hart,Complete,29/03/2025: report sent",
            "AM-3,Leaflet the estate about scam calls,Ivy Cho,Open,",
        ],
    )


def owners() -> None:
    write_csv(
        "owners.csv",
        [
            "Ref,Action,Owner",
            "W1,Name with a role in brackets,Amy Lowe (Project Manager)",
            "W2,Two roles,Project Manager / Team Lead",
            "W3,Two names split by a slash,Ben Ford/Cara Hill",
            "W4,Two names with a plus,Dev Rao + Eli Sand",
            "W5,Initials only,JW",
            "W6,An agency alone,Essex Police",
            "W7,A role alone,Project Manager",
            "W8,Not yet known,TBC",
            "W9,Name with an agency in brackets,Fay Moor (Southend Council)",
        ],
    )


def excel_dates() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["Ref", "Action", "Date raised", "Due date", "Date closed"])
    ws.append(["ED-1", "Real Excel dates", datetime(2025, 1, 14), datetime(2025, 2, 28), None])
    ws.append(["ED-2", "Serial numbers stored as numbers", 45672, 45716, 45700])
    ws.append(["ED-3", "UK text dates", "14/01/2025", "28 February 2025", None])
    ws.append(["ED-4", "Two-digit years", "14/01/25", "03/03/25", None])
    save(wb, "excel_dates.xlsx")


def us_dates() -> None:
    write_csv(
        "us_dates.csv",
        [
            "Ref,Action,Date raised,Due date,Review date",
            "US-1,Exported from a US tool,11/20/24,12/15/24,01/02/25",
            "US-2,Second exported row,11/21/24,01/05/25,02/03/25",
            "US-3,Third exported row,12/02/24,01/31/25,",
        ],
    )


def inconsistent() -> None:
    write_csv(
        "inconsistent.csv",
        [
            "Ref,Action,Date raised,Due date,Status,Date closed",
            "IN-1,Due before it was raised,10/05/2025,01/05/2025,Open,",
            "IN-2,Closed before it was raised,10/05/2025,30/06/2025,Complete,02/05/2025",
            "IN-3,Complete with no date closed,10/05/2025,30/06/2025,Complete,",
            "IN-4,A consistent row,10/05/2025,30/06/2025,Open,",
        ],
    )


def long_cell() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["Ref", "Action", "Update"])
    ws.append(["LC-1", "Pasted a whole report into the update", "Progress report. " * 1500])
    ws.append(["LC-2", "A normal row", "On track"])
    save(wb, "long_cell.xlsx")


def mixed_encoding() -> None:
    lines = [
        b"Ref,Action,Owner",
        "ME-1,Invite Zoë to the board,Zoë Adeyemi".encode(),
        "ME-2,Book the café for the drop-in,Renée Dupont".encode("cp1252"),
        b"ME-3,Ask about the NUL\x00 bytes,Sam\x00 Cole",
    ]
    (HERE / "mixed_encoding.csv").write_bytes(b"\r\n".join(lines) + b"\r\n")


def combined_template() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action Tracker"
    ws["B1"] = "Harlow Safer Streets Board"
    ws["B2"] = "OFFICIAL-SENSITIVE"
    ws["B3"] = "Key: Blue = complete"
    ws["B5"] = "No."
    ws.merge_cells("B5:B6")
    ws["C5"] = "Action / Decision"
    ws.merge_cells("C5:C6")
    ws["D5"] = "Who"
    ws.merge_cells("D5:D6")
    ws["E5"] = "Dates"
    ws.merge_cells("E5:F5")
    ws["E6"] = "Date Logged"
    ws["F6"] = "Deadline"
    ws["G5"] = "Outcome"
    ws.merge_cells("G5:G6")
    ws["J5"] = "Open"
    ws["K5"] = '=COUNTIF(G7:G40,"")'
    help_values = ["Number", "What was agreed?", "Who is responsible?", "When logged", "When due", "What happened"]
    for c, value in enumerate(help_values):
        ws.cell(row=7, column=2 + c, value=value)
    data = [
        ["HB-1", "Map the shoplifting hotspots", "Olu Bako (Crime Analyst)", "11/04/24", "12/20/24", ""],
        ["HB-2", "Brief the town centre BID", "Town Centre Manager", "11/04/24", "11/29/24", ""],
        [
            "HB-1",
            "Map the shoplifting hotspots",
            "Olu Bako (Crime Analyst)",
            "11/04/24",
            "12/20/24",
            "Map shared 12/18",
        ],
        ["HB-3", "Start the retail radio pilot", "Pat Quinn + Olu Bako", "11/18/24", "11/04/24", ""],
    ]
    for r, values in enumerate(data, start=8):
        for c, value in enumerate(values):
            ws.cell(row=r, column=2 + c, value=value)
    cached = {(1, "K5"): "2"}
    for row in range(12, 16):
        ws[f"B{row}"] = "=ROW()-7"
        cached[(1, f"B{row}")] = str(row - 7)
    save(wb, "combined_template.xlsx", cached)


def combined_raid() -> None:
    write_csv(
        "combined_raid.csv",
        [
            "Issue ID,Title,Date Identified,Target Date,Owner,Progress,Status,Date Closed",
            "ISS_7,Burglary spike on the Brays estate,10/03/2025,10/01/2025,Kai Webb,,Open,",
            " ISS_8,Repeat calls from one address,10/08/2025,10/31/2025,Kai Webb (Inspector),,Open,",
            "ISS_7,Burglary spike on the Brays estate,10/03/2025,10/01/2025,Kai Webb,10/20/2025: patrols up,Complete,",
            "ISS_9,Stolen bikes at the station,10/15/2025,11/30/2025,British Transport Police,,Closed,10/14/2025",
        ],
    )


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for make in (
        headers_sno,
        headers_raid_ids,
        item_is_text,
        item_is_ref,
        two_row_header,
        help_row,
        numbered_blanks,
        separators_panel,
        open_closed,
        raid_log,
        append_mode,
        owners,
        excel_dates,
        us_dates,
        inconsistent,
        long_cell,
        mixed_encoding,
        combined_template,
        combined_raid,
    ):
        make()
    for path in sorted(HERE.iterdir()):
        print(f"{path.name:28} {path.stat().st_size:>9,} bytes")


if __name__ == "__main__":
    main()
