-- sendesk schema, version 2: search.
-- Filter-as-you-type looks words up in a search table per list rather
-- than scanning the list's table with LIKE: each <table>_search row holds
-- the record's text (its text columns and the keys of the records it
-- refers to) under the record's id, indexed by trigrams so that any part
-- of a word of three letters or more is found through the index.
-- Triggers keep them in step with every insert, update and delete.

CREATE VIRTUAL TABLE providers_search USING fts5(text, tokenize = 'trigram');
INSERT INTO providers_search (rowid, text) SELECT id, providers.code || ' ' || providers.name || ' ' || ifnull(providers.kind, '') FROM providers;
CREATE TRIGGER providers_search_insert AFTER INSERT ON providers BEGIN
    INSERT INTO providers_search (rowid, text) VALUES (new.id, new.code || ' ' || new.name || ' ' || ifnull(new.kind, ''));
END;
CREATE TRIGGER providers_search_update AFTER UPDATE ON providers BEGIN
    DELETE FROM providers_search WHERE rowid = old.id;
    INSERT INTO providers_search (rowid, text) VALUES (new.id, new.code || ' ' || new.name || ' ' || ifnull(new.kind, ''));
END;
CREATE TRIGGER providers_search_delete AFTER DELETE ON providers BEGIN
    DELETE FROM providers_search WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE contracts_search USING fts5(text, tokenize = 'trigram');
INSERT INTO contracts_search (rowid, text) SELECT id, contracts.ref || ' ' || ifnull((SELECT code FROM providers WHERE id = contracts.provider_id), '') || ' ' || contracts.start_date || ' ' || contracts.end_date || ' ' || ifnull(contracts.title, '') || ' ' || ifnull(contracts.status, '') || ' ' || ifnull(contracts.signed_date, '') || ' ' || ifnull(contracts.route, '') || ' ' || ifnull(contracts.decision_ref, '') || ' ' || ifnull(contracts.notes, '') FROM contracts;
CREATE TRIGGER contracts_search_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO contracts_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT code FROM providers WHERE id = new.provider_id), '') || ' ' || new.start_date || ' ' || new.end_date || ' ' || ifnull(new.title, '') || ' ' || ifnull(new.status, '') || ' ' || ifnull(new.signed_date, '') || ' ' || ifnull(new.route, '') || ' ' || ifnull(new.decision_ref, '') || ' ' || ifnull(new.notes, ''));
END;
CREATE TRIGGER contracts_search_update AFTER UPDATE ON contracts BEGIN
    DELETE FROM contracts_search WHERE rowid = old.id;
    INSERT INTO contracts_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT code FROM providers WHERE id = new.provider_id), '') || ' ' || new.start_date || ' ' || new.end_date || ' ' || ifnull(new.title, '') || ' ' || ifnull(new.status, '') || ' ' || ifnull(new.signed_date, '') || ' ' || ifnull(new.route, '') || ' ' || ifnull(new.decision_ref, '') || ' ' || ifnull(new.notes, ''));
END;
CREATE TRIGGER contracts_search_delete AFTER DELETE ON contracts BEGIN
    DELETE FROM contracts_search WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE children_search USING fts5(text, tokenize = 'trigram');
INSERT INTO children_search (rowid, text) SELECT id, children.ref || ' ' || children.first_name || ' ' || children.last_name || ' ' || children.date_of_birth || ' ' || ifnull(children.upn, '') || ' ' || ifnull(children.sex, '') || ' ' || ifnull(children.district, '') || ' ' || ifnull(children.primary_need, '') || ' ' || ifnull(children.ehcp_start_date, '') FROM children;
CREATE TRIGGER children_search_insert AFTER INSERT ON children BEGIN
    INSERT INTO children_search (rowid, text) VALUES (new.id, new.ref || ' ' || new.first_name || ' ' || new.last_name || ' ' || new.date_of_birth || ' ' || ifnull(new.upn, '') || ' ' || ifnull(new.sex, '') || ' ' || ifnull(new.district, '') || ' ' || ifnull(new.primary_need, '') || ' ' || ifnull(new.ehcp_start_date, ''));
END;
CREATE TRIGGER children_search_update AFTER UPDATE ON children BEGIN
    DELETE FROM children_search WHERE rowid = old.id;
    INSERT INTO children_search (rowid, text) VALUES (new.id, new.ref || ' ' || new.first_name || ' ' || new.last_name || ' ' || new.date_of_birth || ' ' || ifnull(new.upn, '') || ' ' || ifnull(new.sex, '') || ' ' || ifnull(new.district, '') || ' ' || ifnull(new.primary_need, '') || ' ' || ifnull(new.ehcp_start_date, ''));
END;
CREATE TRIGGER children_search_delete AFTER DELETE ON children BEGIN
    DELETE FROM children_search WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE therapy_entries_search USING fts5(text, tokenize = 'trigram');
INSERT INTO therapy_entries_search (rowid, text) SELECT id, therapy_entries.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = therapy_entries.child_id), '') || ' ' || therapy_entries.section || ' ' || therapy_entries.therapy || ' ' || therapy_entries.start_date || ' ' || ifnull(therapy_entries.end_date, '') || ' ' || ifnull(therapy_entries.funding, '') || ' ' || ifnull((SELECT ref FROM contracts WHERE id = therapy_entries.contract_id), '') || ' ' || ifnull(therapy_entries.level, '') || ' ' || ifnull(therapy_entries.strand, '') || ' ' || ifnull(therapy_entries.description, '') FROM therapy_entries;
CREATE TRIGGER therapy_entries_search_insert AFTER INSERT ON therapy_entries BEGIN
    INSERT INTO therapy_entries_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = new.child_id), '') || ' ' || new.section || ' ' || new.therapy || ' ' || new.start_date || ' ' || ifnull(new.end_date, '') || ' ' || ifnull(new.funding, '') || ' ' || ifnull((SELECT ref FROM contracts WHERE id = new.contract_id), '') || ' ' || ifnull(new.level, '') || ' ' || ifnull(new.strand, '') || ' ' || ifnull(new.description, ''));
END;
CREATE TRIGGER therapy_entries_search_update AFTER UPDATE ON therapy_entries BEGIN
    DELETE FROM therapy_entries_search WHERE rowid = old.id;
    INSERT INTO therapy_entries_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = new.child_id), '') || ' ' || new.section || ' ' || new.therapy || ' ' || new.start_date || ' ' || ifnull(new.end_date, '') || ' ' || ifnull(new.funding, '') || ' ' || ifnull((SELECT ref FROM contracts WHERE id = new.contract_id), '') || ' ' || ifnull(new.level, '') || ' ' || ifnull(new.strand, '') || ' ' || ifnull(new.description, ''));
END;
CREATE TRIGGER therapy_entries_search_delete AFTER DELETE ON therapy_entries BEGIN
    DELETE FROM therapy_entries_search WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE spot_purchases_search USING fts5(text, tokenize = 'trigram');
INSERT INTO spot_purchases_search (rowid, text) SELECT id, spot_purchases.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = spot_purchases.child_id), '') || ' ' || ifnull((SELECT code FROM providers WHERE id = spot_purchases.provider_id), '') || ' ' || spot_purchases.therapy || ' ' || spot_purchases.start_date || ' ' || ifnull(spot_purchases.end_date, '') || ' ' || ifnull(spot_purchases.invoice_ref, '') FROM spot_purchases;
CREATE TRIGGER spot_purchases_search_insert AFTER INSERT ON spot_purchases BEGIN
    INSERT INTO spot_purchases_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = new.child_id), '') || ' ' || ifnull((SELECT code FROM providers WHERE id = new.provider_id), '') || ' ' || new.therapy || ' ' || new.start_date || ' ' || ifnull(new.end_date, '') || ' ' || ifnull(new.invoice_ref, ''));
END;
CREATE TRIGGER spot_purchases_search_update AFTER UPDATE ON spot_purchases BEGIN
    DELETE FROM spot_purchases_search WHERE rowid = old.id;
    INSERT INTO spot_purchases_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = new.child_id), '') || ' ' || ifnull((SELECT code FROM providers WHERE id = new.provider_id), '') || ' ' || new.therapy || ' ' || new.start_date || ' ' || ifnull(new.end_date, '') || ' ' || ifnull(new.invoice_ref, ''));
END;
CREATE TRIGGER spot_purchases_search_delete AFTER DELETE ON spot_purchases BEGIN
    DELETE FROM spot_purchases_search WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE personal_budgets_search USING fts5(text, tokenize = 'trigram');
INSERT INTO personal_budgets_search (rowid, text) SELECT id, personal_budgets.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = personal_budgets.child_id), '') || ' ' || personal_budgets.start_date || ' ' || personal_budgets.end_date || ' ' || ifnull(personal_budgets.purpose, '') FROM personal_budgets;
CREATE TRIGGER personal_budgets_search_insert AFTER INSERT ON personal_budgets BEGIN
    INSERT INTO personal_budgets_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = new.child_id), '') || ' ' || new.start_date || ' ' || new.end_date || ' ' || ifnull(new.purpose, ''));
END;
CREATE TRIGGER personal_budgets_search_update AFTER UPDATE ON personal_budgets BEGIN
    DELETE FROM personal_budgets_search WHERE rowid = old.id;
    INSERT INTO personal_budgets_search (rowid, text) VALUES (new.id, new.ref || ' ' || ifnull((SELECT ref FROM children WHERE id = new.child_id), '') || ' ' || new.start_date || ' ' || new.end_date || ' ' || ifnull(new.purpose, ''));
END;
CREATE TRIGGER personal_budgets_search_delete AFTER DELETE ON personal_budgets BEGIN
    DELETE FROM personal_budgets_search WHERE rowid = old.id;
END;
