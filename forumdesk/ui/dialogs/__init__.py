"""Every dialog and wizard: those that add and edit records (forums, people, agencies, memberships), the
export dialog, the import wizard, restore, the audit history and "Your name".

Each record dialog saves through a ``WriteOp`` (off the GUI thread), shows a ``ForumDeskError`` as one
line inside the dialog with nothing saved, and on success closes; the ``Changes`` reach every view through
the one change channel, and Edit > Undo takes the save back (the file's own history).
"""
