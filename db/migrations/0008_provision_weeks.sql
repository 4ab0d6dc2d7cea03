-- sendesk schema, version 8: each therapy entry's sessions, week by week.
-- The provision-shortfall report and the Due list ask, for every entry
-- in force over a window, how many minutes were delivered and how many
-- sessions were missed and why.  Read from the sessions themselves that
-- is one lookup in provision per entry, millions of them for a national
-- caseload; provision_weeks holds the same sums per entry and week
-- (Monday to Sunday, week being the Monday's date), keyed by entry then
-- week, so that an entry's weeks in a window are one short range holding
-- every figure (where provision needs a lookup of the row behind each
-- index entry).  A window's whole weeks are read from here, and only the
-- days of a week the window or the entry cuts are read from provision.
-- The triggers keep it in step in the transaction of every insert,
-- update and delete of a session, whichever way it is written (the
-- forms, a group session, an import); sendesk check recomputes it from
-- provision and names any entry whose sums differ.
-- A session is delivered when its outcome is 'delivered' or NULL (from
-- before outcomes were kept); any other outcome is missed, and keeps its
-- planned minutes.  IF NOT EXISTS and the DELETE: applied again to a file
-- that has it (a file marked older than it is), it fills it again.  A date that is not a date (sendesk check reports
-- those) is kept as its own week, so that every session is counted once.

CREATE TABLE IF NOT EXISTS provision_weeks (
    entry_id            INTEGER NOT NULL,
    week                TEXT NOT NULL,     -- the Monday, YYYY-MM-DD
    sessions            INTEGER NOT NULL,  -- every session, delivered or not
    delivered_minutes   INTEGER NOT NULL,
    missed_minutes      INTEGER NOT NULL,
    provider_cancelled  INTEGER NOT NULL,
    school_cancelled    INTEGER NOT NULL,
    child_absent        INTEGER NOT NULL,
    did_not_attend      INTEGER NOT NULL,
    PRIMARY KEY (entry_id, week)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS provision_weeks_insert AFTER INSERT ON provision
BEGIN
    INSERT INTO provision_weeks
    VALUES (NEW.entry_id, ifnull(date(NEW.date, 'weekday 0', '-6 days'), NEW.date), 1,
            CASE WHEN NEW.outcome IS NULL OR NEW.outcome = 'delivered' THEN NEW.minutes ELSE 0 END,
            CASE WHEN NEW.outcome <> 'delivered' THEN NEW.minutes ELSE 0 END,
            NEW.outcome IS 'provider-cancelled', NEW.outcome IS 'school-cancelled',
            NEW.outcome IS 'child-absent', NEW.outcome IS 'did-not-attend')
    ON CONFLICT (entry_id, week) DO UPDATE SET
        sessions = sessions + 1,
        delivered_minutes = delivered_minutes + excluded.delivered_minutes,
        missed_minutes = missed_minutes + excluded.missed_minutes,
        provider_cancelled = provider_cancelled + excluded.provider_cancelled,
        school_cancelled = school_cancelled + excluded.school_cancelled,
        child_absent = child_absent + excluded.child_absent,
        did_not_attend = did_not_attend + excluded.did_not_attend;
END;

CREATE TRIGGER IF NOT EXISTS provision_weeks_delete AFTER DELETE ON provision
BEGIN
    UPDATE provision_weeks SET
        sessions = sessions - 1,
        delivered_minutes = delivered_minutes
            - CASE WHEN OLD.outcome IS NULL OR OLD.outcome = 'delivered' THEN OLD.minutes ELSE 0 END,
        missed_minutes = missed_minutes
            - CASE WHEN OLD.outcome <> 'delivered' THEN OLD.minutes ELSE 0 END,
        provider_cancelled = provider_cancelled - (OLD.outcome IS 'provider-cancelled'),
        school_cancelled = school_cancelled - (OLD.outcome IS 'school-cancelled'),
        child_absent = child_absent - (OLD.outcome IS 'child-absent'),
        did_not_attend = did_not_attend - (OLD.outcome IS 'did-not-attend')
    WHERE week = ifnull(date(OLD.date, 'weekday 0', '-6 days'), OLD.date)
      AND entry_id = OLD.entry_id;
    DELETE FROM provision_weeks
    WHERE week = ifnull(date(OLD.date, 'weekday 0', '-6 days'), OLD.date)
      AND entry_id = OLD.entry_id AND sessions = 0;
END;

-- an update is the old session taken out and the new one put in
CREATE TRIGGER IF NOT EXISTS provision_weeks_update
AFTER UPDATE OF entry_id, date, minutes, outcome ON provision
BEGIN
    UPDATE provision_weeks SET
        sessions = sessions - 1,
        delivered_minutes = delivered_minutes
            - CASE WHEN OLD.outcome IS NULL OR OLD.outcome = 'delivered' THEN OLD.minutes ELSE 0 END,
        missed_minutes = missed_minutes
            - CASE WHEN OLD.outcome <> 'delivered' THEN OLD.minutes ELSE 0 END,
        provider_cancelled = provider_cancelled - (OLD.outcome IS 'provider-cancelled'),
        school_cancelled = school_cancelled - (OLD.outcome IS 'school-cancelled'),
        child_absent = child_absent - (OLD.outcome IS 'child-absent'),
        did_not_attend = did_not_attend - (OLD.outcome IS 'did-not-attend')
    WHERE week = ifnull(date(OLD.date, 'weekday 0', '-6 days'), OLD.date)
      AND entry_id = OLD.entry_id;
    DELETE FROM provision_weeks
    WHERE week = ifnull(date(OLD.date, 'weekday 0', '-6 days'), OLD.date)
      AND entry_id = OLD.entry_id AND sessions = 0;
    INSERT INTO provision_weeks
    VALUES (NEW.entry_id, ifnull(date(NEW.date, 'weekday 0', '-6 days'), NEW.date), 1,
            CASE WHEN NEW.outcome IS NULL OR NEW.outcome = 'delivered' THEN NEW.minutes ELSE 0 END,
            CASE WHEN NEW.outcome <> 'delivered' THEN NEW.minutes ELSE 0 END,
            NEW.outcome IS 'provider-cancelled', NEW.outcome IS 'school-cancelled',
            NEW.outcome IS 'child-absent', NEW.outcome IS 'did-not-attend')
    ON CONFLICT (entry_id, week) DO UPDATE SET
        sessions = sessions + 1,
        delivered_minutes = delivered_minutes + excluded.delivered_minutes,
        missed_minutes = missed_minutes + excluded.missed_minutes,
        provider_cancelled = provider_cancelled + excluded.provider_cancelled,
        school_cancelled = school_cancelled + excluded.school_cancelled,
        child_absent = child_absent + excluded.child_absent,
        did_not_attend = did_not_attend + excluded.did_not_attend;
END;

DELETE FROM provision_weeks;
INSERT INTO provision_weeks
SELECT entry_id, ifnull(date(date, 'weekday 0', '-6 days'), date), count(*),
       ifnull(sum(CASE WHEN outcome IS NULL OR outcome = 'delivered' THEN minutes END), 0),
       ifnull(sum(CASE WHEN outcome <> 'delivered' THEN minutes END), 0),
       count(CASE WHEN outcome = 'provider-cancelled' THEN 1 END),
       count(CASE WHEN outcome = 'school-cancelled' THEN 1 END),
       count(CASE WHEN outcome = 'child-absent' THEN 1 END),
       count(CASE WHEN outcome = 'did-not-attend' THEN 1 END)
FROM provision
GROUP BY 1, 2;
