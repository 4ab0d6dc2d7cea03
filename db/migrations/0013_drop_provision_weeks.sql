-- sendesk schema: the weekly sums of sessions (provision_weeks, migration
-- 0008) are no longer kept.  The provision-shortfall report reads each
-- entry's sessions over provision(entry_id, date) in one pass: at national
-- scale (2.1 million entries in force, 3.4 million sessions in the default
-- four months) that takes 47 million SQLite steps against 61 million for
-- the same figures read through the weekly sums, whose cut weeks at both
-- ends of the range and of each entry's dates still had to be read from
-- the sessions; over a year, 56 million against 78 million.  The triggers
-- cost every session write a second row written for nothing.
-- IF EXISTS: safe to run again.

DROP TRIGGER IF EXISTS provision_weeks_insert;
DROP TRIGGER IF EXISTS provision_weeks_delete;
DROP TRIGGER IF EXISTS provision_weeks_update;
DROP TABLE IF EXISTS provision_weeks;
