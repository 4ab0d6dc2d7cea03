-- sendesk schema: indexes for the lists a report's row opens.
--
-- The entries of a section and therapy in ref order.  A sections report's row opens the list of its entries in force, in
-- ref order; without this index that list's first page read every entry
-- of the table (seconds at national scale).  The dates are held in the
-- index so that the entries not in force on the day are passed over
-- without reading their rows, and so the count of the row's entries is
-- a read of this index alone.
-- IF NOT EXISTS: safe to run again on a file that has it.

CREATE INDEX IF NOT EXISTS therapy_entries_section_ref
    ON therapy_entries(section, therapy, ref, start_date, end_date);

-- A district's children in ref order: a section-f-funding row opens its
-- entries a page at a time, child by child, instead of reading every
-- Section F entry of the therapy to find the district's.
CREATE INDEX IF NOT EXISTS children_district ON children(district, ref);
