"""Papers made the way other people make them, for the tests: reportlab, pypdf (rewritten, rotated,
encrypted), LibreOffice (``soffice --convert-to pdf`` of a text file), python-docx, openpyxl, and broken ones."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas


def reportlab_pdf(path: Path, pages: int, *, size: tuple[float, float] = A4, first_line: str = "",
                  title: str = "Partner paper") -> Path:
    """A paper of ``pages`` pages, each with "Paper page n" near its top; ``first_line`` (a marking) atop page 1."""
    c = canvas.Canvas(str(path), pagesize=size)
    width, height = size
    for n in range(1, pages + 1):
        if n == 1 and first_line:
            c.setFont("Helvetica-Bold", 12)
            c.drawCentredString(width / 2, height - 30, first_line)
        c.setFont("Helvetica", 11)
        c.drawString(60, height - 80, f"{title}: paper page {n}")
        c.drawString(60, 40, f"{title} footer text {n}")  # where the stamp goes: it must stay readable
        c.showPage()
    c.save()
    return path


def pypdf_rewritten(path: Path, source: Path, *, rotate: int = 0) -> Path:
    """``source`` written again by pypdf (another producer), each page turned by ``rotate`` (a /Rotate entry)."""
    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
        if rotate:
            writer.pages[-1].rotate(rotate)
    writer.add_metadata({"/Producer": "pypdf", "/Title": path.stem})
    with open(path, "wb") as out:
        writer.write(out)
    return path


def libreoffice_pdf(path: Path, text: str) -> Path | None:
    """``text`` converted to PDF by LibreOffice (None where it is not installed)."""
    return _libreoffice(path, "paper.txt", text, "pdf")


def libreoffice_xlsx(path: Path, csv_text: str) -> Path | None:
    """A workbook saved by LibreOffice Calc from ``csv_text`` (shared strings, a "Page 1" footer: as Calc and
    Excel write them); None where LibreOffice is not installed."""
    return _libreoffice(path, "paper.csv", csv_text, "xlsx")


def _libreoffice(path: Path, source: str, text: str, to: str) -> Path | None:
    """``text`` written as ``source`` and converted by LibreOffice to the format ``to``, saved as ``path``."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    work = path.parent / f".libreoffice-{to}"
    work.mkdir()
    (work / source).write_text(text, encoding="utf-8")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--convert-to",
                    to, "--outdir", str(work), str(work / source)], check=True, capture_output=True, timeout=180)
    (work / Path(source).with_suffix(f".{to}").name).replace(path)
    shutil.rmtree(work, ignore_errors=True)
    return path


def encrypted_pdf(path: Path, user_password: str = "letmein") -> Path:
    """Encrypted as Acrobat does it; ``user_password=""`` is a PDF that opens without asking for a password but
    whose owner restricted copying or printing (how many published reports come)."""
    plain = io.BytesIO()
    c = canvas.Canvas(plain)
    c.drawString(60, 700, "Secret plans")
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=io.BytesIO(plain.getvalue()))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    with open(path, "wb") as out:
        writer.write(out)
    return path


def corrupt_pdf(path: Path) -> Path:
    """A PDF cut off in the middle of a compressed content stream, with garbage after."""
    good = reportlab_pdf(path.with_suffix(".good.pdf"), 3)
    data = good.read_bytes()
    good.unlink()
    start = data.index(b"stream", data.index(b"/FlateDecode")) + 7
    path.write_bytes(data[:start] + b"\x00garbage" * 30)
    return path


def docx_paper(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("A Word paper")
    document.save(str(path))
    return path


def xlsx_paper(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "A spreadsheet paper"
    book.save(str(path))
    return path


def landscape_size() -> tuple[float, float]:
    return landscape(A4)


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
