-- sendesk schema, version 5: the caseworkers' desk.
-- A child's caseworker (a login), school or setting, last annual review
-- and plan status; an entry may be term time only; a session has a ref
-- and an outcome (delivered, or why it did not happen).

ALTER TABLE children ADD COLUMN caseworker_id INTEGER REFERENCES users(id);
ALTER TABLE children ADD COLUMN school TEXT;
ALTER TABLE children ADD COLUMN last_review_date TEXT;
ALTER TABLE children ADD COLUMN ehcp_status TEXT
    CHECK (ehcp_status IN ('active', 'ceased', 'transferred-out'));
CREATE INDEX children_caseworker ON children(caseworker_id, last_name, id);

ALTER TABLE therapy_entries ADD COLUMN term_time_only INTEGER
    CHECK (term_time_only IN (0, 1));

ALTER TABLE provision ADD COLUMN ref TEXT;
ALTER TABLE provision ADD COLUMN outcome TEXT
    CHECK (outcome IN ('delivered', 'provider-cancelled', 'school-cancelled',
                       'child-absent', 'did-not-attend'));
CREATE UNIQUE INDEX provision_ref ON provision(ref);
