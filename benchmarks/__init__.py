"""ForumDesk's benchmark suite (``make bench`` runs ``python -m benchmarks.run``), kept out of ``make test``.

``db_bench`` measures the data layer and the command line, ``ui_bench`` the desktop app, ``export_bench``
the exports against their library floors, ``stall_bench`` the GUI thread's heartbeat at the largest size.
``run`` builds each demo database once, calls them all, prints one table and writes bench-results/latest.json.
"""
