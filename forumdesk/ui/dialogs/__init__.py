"""Every dialog and wizard: those that add and edit records (forums, people, agencies, memberships), the
export dialog, the import wizard, restore, the audit history and "Your name".

Each saves through ``ctx.tasks.write`` (off the GUI thread), shows a ``ForumDeskError`` as one line inside
the dialog with nothing saved, and on success hands the ``Changes`` to ``ctx.apply``. Edits push an undo
command (``forumdesk.ui.dialogs.undo``) so Edit > Undo reverses them.
"""
