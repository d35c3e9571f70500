"""The shell: the main window and its menus, and the machinery every screen runs on (the application
context and its one change channel, the task runner and the operation object that writes through it, the
watch on the database file, the single-instance guard, safe opening, start-up timing and the smoke run).

A new page goes in ``ui/pages``, a new dialog or wizard in ``ui/dialogs``; a new piece of plumbing here.
"""
