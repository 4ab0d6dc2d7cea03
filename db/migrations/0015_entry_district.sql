-- sendesk schema: each therapy entry carries its child's district.
--
-- therapy_entries.district is a copy of children.district for the
-- entry's child, kept by the triggers below (an entry written, moved to
-- another child, or its child moved to another district); `sendesk
-- check` reports any entry whose copy differs.  It is not a field of the
-- record: forms, CSV and the audit trail never show it.
--
-- Why: a section-f-funding row (a district, a therapy, a funding route)
-- opens its entries a page at a time.  Without the copy, finding a rare
-- route's few entries meant reading every child of the district (80,000
-- at national scale, 66 ms and more); with it, the index below holds
-- exactly the row's entries in ref order, with every column the page
-- tests, so the page reads the district's entries of that therapy and no
-- table row but those it lists.

ALTER TABLE therapy_entries ADD COLUMN district TEXT;

UPDATE therapy_entries
   SET district = (SELECT c.district FROM children c WHERE c.id = therapy_entries.child_id);

-- An insert that gave the copy itself (an import's, db/bulk.c) leaves
-- the trigger nothing to do.
CREATE TRIGGER IF NOT EXISTS therapy_entries_district_insert AFTER INSERT ON therapy_entries
WHEN NEW.district IS NOT (SELECT c.district FROM children c WHERE c.id = NEW.child_id)
BEGIN
    UPDATE therapy_entries
       SET district = (SELECT c.district FROM children c WHERE c.id = NEW.child_id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS therapy_entries_district_child
AFTER UPDATE OF child_id ON therapy_entries WHEN NEW.child_id IS NOT OLD.child_id
BEGIN
    UPDATE therapy_entries
       SET district = (SELECT c.district FROM children c WHERE c.id = NEW.child_id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS children_district_entries
AFTER UPDATE OF district ON children WHEN NEW.district IS NOT OLD.district
BEGIN
    UPDATE therapy_entries SET district = NEW.district WHERE child_id = NEW.id;
END;

-- A district's Section F (or G) entries of one therapy in ref order,
-- with what a funding row's page tests (funding, dates) and lists
-- (child, minutes).
CREATE INDEX IF NOT EXISTS therapy_entries_district_drill
    ON therapy_entries(section, therapy, district, ref, funding, start_date, end_date, child_id,
                       minutes_per_week);
