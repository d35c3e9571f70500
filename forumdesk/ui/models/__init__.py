"""Qt item models over the services: ids in memory, rows fetched in pages."""
