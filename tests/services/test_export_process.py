"""A big export runs in a child process: the file, the progress, a cancel and an error all come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from forumdesk.domain.queries import ActionQuery
from forumdesk.export.info import ExportCancelled, ExportError
from forumdesk.services import export_process, open_services
from forumdesk.services.exports import ExportFormat
from tests.conftest import TODAY


@pytest.fixture
def in_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_process, "IN_PROCESS_FROM", 0)  # the demo is small: send every export to a child


def test_the_child_writes_the_log_and_reports_progress(demo_copy: Path, tmp_path: Path, in_child: None) -> None:
    services = open_services(demo_copy, today=lambda: TODAY)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "all.xlsx"
    result = export_process.export_actions(
        services, ActionQuery(), ExportFormat.XLSX, target, lambda done, total: seen.append((done, total))
    )
    total = services.actions.count(ActionQuery())
    assert result.count == total and result.path == target
    assert load_workbook(target)["Action log"].max_row == total + 1
    assert seen and seen[-1][1] == total
    assert services.store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'export'") >= 1
    services.close()


def test_a_cancel_stops_the_child_and_leaves_no_file(demo_copy: Path, tmp_path: Path, in_child: None) -> None:
    services = open_services(demo_copy, today=lambda: TODAY)

    calls: list[int] = []

    def cancel(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:  # once the PDF has started: the child is asked to stop, not killed
            raise ExportCancelled()

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_process.export_actions(services, ActionQuery(), ExportFormat.PDF, folder / "cancelled.pdf", cancel)
    assert list(folder.iterdir()) == []
    assert services.store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'export'") == 0
    services.close()


def test_an_error_in_the_child_comes_back_as_itself(demo_copy: Path, tmp_path: Path, in_child: None) -> None:
    services = open_services(demo_copy, today=lambda: TODAY)
    with pytest.raises(ExportError, match="does not exist"):
        export_process.export_actions(
            services, ActionQuery(), ExportFormat.PDF, tmp_path / "missing" / "x.pdf", lambda d, t: None
        )
    services.close()
