"""``forumdesk backups``, ``restore``, ``recover``, ``person export|erase`` and ``history``: data safety."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from forumdesk.commands._common import (
    add_command,
    is_ascii_digits,
    nonblank,
    open_existing,
    parse_id,
    print_table,
    record_id,
)
from forumdesk.domain.errors import DatabaseDamagedError, NotFoundError, ValidationError
from forumdesk.paths import resolve_db
from forumdesk.services import Services
from forumdesk.services.backups import BackupInfo
from forumdesk.services.recovery import damage_report, open_checked, recover_from_backup


def register(sub: Any) -> None:
    backups = add_command(sub, "backups", run_backups, help="list this database's backups, or take one now")
    backups.add_argument("what", nargs="?", choices=["list", "now"], default="list")

    restore = add_command(
        sub, "restore", run_restore, help="replace the content with a backup's (the current one is kept)"
    )
    restore.add_argument("backup", type=nonblank, help='a backup file name from "forumdesk backups", or "latest"')

    add_command(sub, "recover", run_recover, help="set a damaged database aside and put its newest good backup back")

    person = add_command(sub, "person", run_person, help="a person's data: subject access export, or erasure")
    person.add_argument("what", choices=["export", "erase"])
    person.add_argument("name", type=nonblank, help="the person's name (or id)")
    person.add_argument("-o", "--output", metavar="FILE", help="for export: a .json or .csv file")
    person.add_argument("--yes", action="store_true", help="for erase: confirm; erasure cannot be undone")

    history = add_command(sub, "history", run_history, help="the audit trail of one record")
    history.add_argument("entity", type=nonblank, help="action, meeting, person, forum, agenda_item, ...")
    history.add_argument("id", type=record_id)


def _backup_rows(backups: list[BackupInfo]) -> list[list[str]]:
    return [[b.label, b.reason, str(b.actions), str(b.meetings), b.path.name] for b in backups]


def run_backups(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        if args.what == "now":
            info = services.backups.backup_now("manual")
            print(f"Backed up to {info.path}")
            return 0
        backups = services.backups.backups()
    if not backups:
        print("No backups yet (forumdesk backups now takes one)")
        return 0
    print_table(["Taken", "Why", "Actions", "Meetings", "File"], _backup_rows(backups))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        backups = services.backups.backups()
        if args.backup == "latest":
            chosen = services.backups.newest_good()
        else:
            chosen = next((b for b in backups if args.backup in (b.path.name, str(b.path))), None)
        if chosen is None:
            raise NotFoundError(f"there is no backup {args.backup!r} (see: forumdesk backups)")
        aside = services.backups.restore(chosen).value
    print(f"Restored the backup of {chosen.label}; the content it replaced is kept as {aside.path.name}")
    return 0


def run_recover(args: argparse.Namespace) -> int:
    path = resolve_db(getattr(args, "db", None))
    try:
        result = open_checked(path, create=False)
    except DatabaseDamagedError as error:
        report = damage_report(path, error)
        if report.backup is None:
            raise DatabaseDamagedError(f"{error}; there is no backup of it to restore") from error
        aside = recover_from_backup(path, report.backup)
        print(f"{error}. It was set aside as {aside.name} and the backup of {report.backup.label} was restored")
        return 0
    result.services.close()
    print(f"{path}: not damaged; nothing was changed{'' if not result.banner else f' ({result.banner})'}")
    return 0


def _person_id(services: Services, name: str) -> int:
    """An id when ``name`` is ASCII digits only ("١٢" and "²" are looked up as names, never read as 12)."""
    if is_ascii_digits(name.strip()):
        try:
            person_id = parse_id(name.strip())
        except ValueError as error:
            raise ValidationError(str(error), "name") from None
        return services.directory.person(person_id).id
    return services.directory.find_person(name).id


def run_person(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        person_id = _person_id(services, args.name)
        if args.what == "export":
            if not args.output:
                raise ValidationError("give the file to write with -o FILE.json or -o FILE.csv", "output")
            path, report = services.privacy.export_subject_access(person_id, Path(args.output))
            print(f"Wrote {len(report.records)} records about {report.person.name} to {path}")
            return 0
        if not args.yes:
            raise ValidationError("erasure cannot be undone: add --yes to confirm", "yes")
        result = services.privacy.erase(person_id).value
    print(
        f"Erased: now {result.new_name}; {result.records_changed} records changed,"
        f" {result.audit_values_redacted} earlier audit values redacted"
        + ("" if result.compacted else "; the file could not be compacted (another program is writing to it),"
           " so old copies of the erased text stay in its free space for now")
    )
    if result.earlier_backups:
        count = len(result.earlier_backups)
        print(
            f"{count} backup{'s' if count != 1 else ''} taken before this erasure still"
            f" hold{'s' if count == 1 else ''} the person's data, and restoring one brings it back: ForumDesk"
            f" does not change backups; delete them if they must go too (in {Path(result.earlier_backups[0]).parent})"
        )
    return 0


def run_history(args: argparse.Namespace) -> int:
    with open_existing(args) as services:
        entries = services.privacy.history(args.entity, args.id)
        if not entries and not services.admin.record_exists(args.entity, args.id):
            raise NotFoundError(f"there is no {args.entity} {args.id} in {services.path.name}")
    if not entries:
        print(f"No changes recorded for {args.entity} {args.id}")
        return 0
    rows = [
        [
            e.at.astimezone().strftime("%d/%m/%Y %H:%M"),
            e.user,
            e.operation,
            e.field,
            e.old_value or "",
            e.new_value or "",
        ]
        for e in entries
    ]
    print_table(["When", "By", "Change", "Field", "Was", "Became"], rows)
    return 0
