-- sendesk schema: indexes for the caseworkers' desk.
-- A caseworker's children (the "my caseload" lists, by name, and the Due
-- list) are found through children_caseworker; the therapist a login
-- used last (the default of the next session it logs) is its latest
-- provision audit row, found through audit_login without reading anyone
-- else's.  IF NOT EXISTS: a database may have children_caseworker, the
-- same index, from the demo's first cut of version 5.

CREATE INDEX IF NOT EXISTS children_caseworker ON children(caseworker_id, last_name, id);
CREATE INDEX IF NOT EXISTS audit_login ON audit(login, kind, id);
