-- sendesk schema, version 5: the caseworkers' desk.
-- A child gets a caseworker (a login), a school or setting, the date of
-- the EHCP's last annual review and the plan's status; an entry may be
-- for term time only (its minutes expected only in the authority's term
-- dates, from the configuration); a session gets a unique ref, the key
-- that lets an exported file be imported again without duplicating it,
-- and an outcome: delivered, or why it did not happen (its minutes are
-- then the planned ones, and count as missed, not delivered).
-- The write path stores an entry left blank as not term time only and a
-- session's outcome left blank as delivered, and makes a session's ref
-- when none is given; a NULL read from an older row means the same (all
-- year, delivered), and a NULL plan status means active.
-- The columns are added in place (ALTER TABLE keeps every row where it
-- is), which is why they allow NULL; sendesk check reports a session
-- without a ref.

ALTER TABLE children ADD COLUMN caseworker_id INTEGER REFERENCES users(id);
ALTER TABLE children ADD COLUMN school TEXT;
ALTER TABLE children ADD COLUMN last_review_date TEXT;
ALTER TABLE children ADD COLUMN ehcp_status TEXT
    CHECK (ehcp_status IN ('active', 'ceased', 'transferred-out'));
-- a new child with the name and birthday of one already here is a
-- warning; the day of birth narrows a million children to a few hundred
CREATE INDEX children_born ON children(date_of_birth);

ALTER TABLE therapy_entries ADD COLUMN term_time_only INTEGER CHECK (term_time_only IN (0, 1));
UPDATE therapy_entries SET term_time_only = 0;

ALTER TABLE provision ADD COLUMN ref TEXT;
ALTER TABLE provision ADD COLUMN outcome TEXT
    CHECK (outcome IN ('delivered', 'provider-cancelled', 'school-cancelled',
                       'child-absent', 'did-not-attend'));
-- sessions logged before this version were all delivered; each gets the
-- ref the write path would have made for it
UPDATE provision SET ref = 'PV-' || id, outcome = ifnull(outcome, 'delivered');
CREATE UNIQUE INDEX provision_ref ON provision(ref);
