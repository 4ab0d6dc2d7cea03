-- sendesk schema, version 5: the caseworkers' desk.
-- A child gets a caseworker (a login), a school or setting, the date of
-- the EHCP's last annual review and the plan's status; an entry may be
-- for term time only (its minutes expected only in the authority's term
-- dates, from the configuration); a session gets a unique ref and an
-- outcome: delivered, or why it did not happen (its minutes are then the
-- planned ones, and count as missed, not delivered).  A NULL outcome is
-- read as delivered, a NULL status as active, a NULL term_time_only as
-- all year, so rows written before this version keep their meaning.

ALTER TABLE children ADD COLUMN caseworker_id INTEGER REFERENCES users(id);
ALTER TABLE children ADD COLUMN school TEXT;
ALTER TABLE children ADD COLUMN last_review_date TEXT;
ALTER TABLE children ADD COLUMN ehcp_status TEXT
    CHECK (ehcp_status IN ('active', 'ceased', 'transferred-out'));

ALTER TABLE therapy_entries ADD COLUMN term_time_only INTEGER CHECK (term_time_only IN (0, 1));

ALTER TABLE provision ADD COLUMN ref TEXT;
ALTER TABLE provision ADD COLUMN outcome TEXT
    CHECK (outcome IN ('delivered', 'provider-cancelled', 'school-cancelled',
                       'child-absent', 'did-not-attend'));
CREATE UNIQUE INDEX provision_ref ON provision(ref);
