"""Repositories: SQL in, domain objects out. One module per aggregate."""
