"""The main window's pages, one module each. Every page is a ``QWidget`` built with an ``AppContext``:

    class ForumsPage(QWidget):
        title = "Forums"
        def __init__(self, ctx: AppContext, parent=None): ...
        def show_filtered(self, **filters) -> None: ...   # called by navigation (dashboard click-through)

Pages connect to ``ctx.changes_applied`` and refresh only what the ``Changes`` say is stale.
"""
