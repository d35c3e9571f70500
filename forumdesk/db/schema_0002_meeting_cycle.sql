-- 0002_meeting_cycle: each forum's agenda template, and the matters-arising table frozen when a meeting closes.
CREATE TABLE forum_agenda_templates (
    id INTEGER PRIMARY KEY,
    forum_id INTEGER NOT NULL REFERENCES forums(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT 'information' CHECK (purpose IN ('information', 'discussion', 'decision')),
    minutes_allowed INTEGER NOT NULL DEFAULT 0,
    presenter TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX forum_agenda_templates_forum ON forum_agenda_templates(forum_id, position);

-- What the action-review item showed when the meeting closed: the minutes print this, unchanged later.
CREATE TABLE matters_arising (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    action_id INTEGER REFERENCES actions(id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    ref TEXT NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    update_text TEXT NOT NULL DEFAULT '',
    update_on TEXT,
    status TEXT NOT NULL,
    rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green', 'blue')),
    rag_overridden INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting_id, position)
) STRICT;
CREATE INDEX matters_arising_action ON matters_arising(action_id);
