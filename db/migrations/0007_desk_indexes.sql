-- sendesk schema: indexes for the caseworkers' desk.
-- A caseworker's children (the "my caseload" lists and the Due list)
-- are found through children_caseworker; the therapist a login used last
-- (the default of the next session it logs) is its latest provision
-- audit row, found through audit_login without reading anyone else's.

CREATE INDEX children_caseworker ON children(caseworker_id, id);
CREATE INDEX audit_login ON audit(login, kind, id);
