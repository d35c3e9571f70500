"""Sub-commands of the command line, one module each. Each module has ``register(subparsers)``.

``forumdesk/cli.py`` lists them in ``COMMAND_MODULES``; a command's handler takes the parsed arguments
and returns the exit code. Handlers call services only.
"""
