-- 0004_scale_indexes: indexes for county scale (issue 8). A person's page counts and lists their open and
-- overdue actions by due date: with the owner, open flag and due date in one index these are index walks,
-- not a look-up of every action the person ever owned (~8,000 each in a county of 500,000 actions).
CREATE INDEX actions_owner_open_due ON actions(owner_id, is_open, effective_due);
