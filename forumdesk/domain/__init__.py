"""The domain: plain dataclasses, enums, rules and errors. Standard library only."""
