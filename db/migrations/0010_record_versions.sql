-- sendesk schema: every record carries a version.
-- A record is stored at version 1 and each change through the write path
-- (a form, an import, a caseload moved) adds one.  A form remembers the
-- version it opened and saves only over that one, so two people editing
-- one record cannot overwrite each other unseen: the second is shown the
-- first's change (from the audit trail) instead.  An import is the last
-- writer by design: it updates whatever version is stored.  Rows from
-- before this version start at 1.

ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE providers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contracts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contract_values ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE coverage ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staffing ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE children ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE therapy_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE provision ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE spot_purchases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE personal_budgets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE provider_returns ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
