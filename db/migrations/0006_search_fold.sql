-- sendesk schema, version 6: search text folded.
-- Each search table's text is now folded as the words typed are (case
-- and accents: "zoe" finds "Zoë", util/fold.h), by the SQL function
-- sendesk_fold that sendesk registers on every connection; the trigram
-- tokenizer cannot remove diacritics itself.  The tables are emptied
-- here and filled again from the records, folded, by db/db.c once the
-- migrations have run.

DELETE FROM providers_search;
DELETE FROM contracts_search;
DELETE FROM children_search;
DELETE FROM therapy_entries_search;
DELETE FROM spot_purchases_search;
DELETE FROM personal_budgets_search;
