-- sendesk schema: covering indexes for the Due list of a caseload.
-- Due reads, for each child of a caseworker, the plan's status and review
-- dates, and for each of the child's therapy entries its section,
-- therapy, dates and weekly minutes.  Through children_caseworker and
-- therapy_entries_child every child and every entry is a lookup of its
-- table row, a page of its own in a national database: two thirds of the
-- pages the Due list's first page reads when they are not yet in memory.
-- These hold those columns in the index, in the caseload's and the
-- child's order, so each child's entries are one short range.
-- IF NOT EXISTS: safe to run again on a file that has them.

CREATE INDEX IF NOT EXISTS children_caseload_reviews
    ON children(caseworker_id, ehcp_status, ehcp_start_date, last_review_date,
                ref, first_name, last_name);
CREATE INDEX IF NOT EXISTS therapy_entries_child_plan
    ON therapy_entries(child_id, start_date, end_date, section, therapy,
                       minutes_per_week, term_time_only);
