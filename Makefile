# Two commands matter: `make run` opens ForumDesk, `make test` runs the whole suite headless.
# Both make .venv, install Qt's system libraries when run as root, and install the locked dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench torture dist screenshots samples clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	WITH_TOOLS=1 bash scripts/qt-system-libs.sh
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/forumdesk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check forumdesk tests
	$(BIN)/mypy forumdesk

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# The long torture run: the app saving while FORUMDESK_TORTURE_COMMANDS (default 300) commands run on its file.
torture: $(STAMP)
	FORUMDESK_TORTURE_COMMANDS=$${FORUMDESK_TORTURE_COMMANDS:-300} QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q -s -p no:randomly tests/safety/test_torture.py

# One-folder build in dist/ForumDesk (build.spec); check it with dist/ForumDesk/ForumDesk --smoke-test.
dist: $(STAMP)
	$(BIN)/python -m pip install -q -r requirements-dist.lock
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	dist/ForumDesk/forumdesk-cli --check-bundle
	@du -sh dist/ForumDesk

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots

samples: $(STAMP)
	$(BIN)/python docs/samples/generate.py

# Re-pin every dependency (run by a developer, never by `make run` or `make test`).
lock:
	rm -rf /tmp/forumdesk-lock && $(PYTHON) -m venv /tmp/forumdesk-lock
	/tmp/forumdesk-lock/bin/pip install -q -e '.[dev]'
	/tmp/forumdesk-lock/bin/pip install -q -U setuptools wheel
	/tmp/forumdesk-lock/bin/pip freeze --all --exclude-editable | grep -v -e "^forumdesk" -e "^pip==" > requirements.lock

clean:
	rm -rf $(VENV) build dist
