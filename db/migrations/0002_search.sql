-- sendesk schema, version 2: search.
-- Filter-as-you-type looks words up in a search table per list rather
-- than scanning the list's table with LIKE: each <table>_search row holds
-- the record's text (its text columns and the keys of the records it
-- refers to, as db/record.c composes them from the catalogue) under the
-- record's id, indexed by trigrams so that any part of a word of three
-- letters or more is found through the index.  db/record.c keeps them in
-- step with every insert, update and delete (not triggers: inside a
-- trigger each row's index entries would be flushed on their own, which
-- makes a large import several times slower), and fills them when this
-- migration is applied.

CREATE VIRTUAL TABLE providers_search USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE contracts_search USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE children_search USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE therapy_entries_search USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE spot_purchases_search USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE personal_budgets_search USING fts5(text, tokenize = 'trigram');
