-- sendesk schema: a tamper-evident audit trail.
-- Each audit row carries hash, the SHA-256 (hex) of the row before's hash
-- and the row's own fields (db/audit.c, sendesk_audit_hash), so that a
-- row deleted, changed or inserted with the sqlite3 shell breaks the
-- chain and 'sendesk check' names it.  The trail also records who opened
-- a child's record (view), and each backup and restore: the CHECK is
-- widened, which SQLite allows only by making the table anew.  The rows
-- already here are chained in id order as they are copied.

CREATE TABLE audit_chained (
    -- one row per change or access: who, when, what, and for a change
    -- the record before and after as JSON objects (NULL before an insert
    -- and after a delete); hash chains it to the row before
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    login      TEXT NOT NULL,
    action     TEXT NOT NULL
               CHECK (action IN ('insert', 'update', 'delete', 'view', 'backup', 'restore')),
    kind       TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    hash       TEXT NOT NULL
);

CREATE TEMP TABLE audit_order (n INTEGER PRIMARY KEY, id INTEGER NOT NULL);
INSERT INTO audit_order (id) SELECT id FROM audit ORDER BY id;

WITH RECURSIVE chain (n, id, hash) AS (
    SELECT 0, 0, NULL
    UNION ALL
    SELECT o.n, a.id, sendesk_audit_hash(c.hash, a.at, a.login, a.action, a.kind,
                                         a.record_id, a.before, a.after)
    FROM chain c JOIN audit_order o ON o.n = c.n + 1 JOIN audit a ON a.id = o.id
)
INSERT INTO audit_chained (id, at, login, action, kind, record_id, before, after, hash)
SELECT a.id, a.at, a.login, a.action, a.kind, a.record_id, a.before, a.after, c.hash
FROM chain c JOIN audit a ON a.id = c.id
WHERE c.n > 0;

DROP TABLE audit_order;
DROP TABLE audit;
ALTER TABLE audit_chained RENAME TO audit;
CREATE INDEX audit_record ON audit(kind, record_id);
CREATE INDEX audit_login ON audit(login, kind, id);
