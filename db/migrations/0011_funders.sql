-- sendesk schema: co-funded contracts and services, and yearly activity.
-- Some of what the council relies on is not its own block contract but a
-- pooled service that several bodies fund (the Kent and Medway
-- Communication and Assistive Technology service is paid for by the
-- council, NHS England, NHS Kent and Medway and Medway Council).  Such a
-- service is a contracts row of type 'service': it covers districts and
-- therapies as a contract does, and the coverage map counts it.  Its
-- annual value, like a contract's, is the council's own share: what the
-- council's reports count as its spend and what the key decision
-- threshold weighs.  The other funders' shares are rows of funders.
-- A NULL type reads as 'contract' (as every row from before this version).

ALTER TABLE contracts ADD COLUMN type TEXT CHECK (type IN ('contract', 'service'));

CREATE TABLE funders (
    -- one body paying towards a contract or service each year, and what
    -- for; council = 1 marks the council's own share, which the
    -- contract's annual value already holds, so it is not added twice
    id                   INTEGER PRIMARY KEY,
    contract_id          INTEGER NOT NULL REFERENCES contracts(id),
    funder               TEXT NOT NULL,
    annual_amount_pence  INTEGER NOT NULL CHECK (annual_amount_pence >= 0),
    pays_for             TEXT,
    source               TEXT,
    council              INTEGER NOT NULL DEFAULT 0 CHECK (council IN (0, 1)),
    version              INTEGER NOT NULL DEFAULT 1,
    UNIQUE (contract_id, funder)
);

CREATE TABLE activity_returns (
    -- what a provider reports doing in one calendar year: referrals and
    -- what became of them, assessments and the caseload at the year's
    -- end; NULL is "not reported", never zero
    id                     INTEGER PRIMARY KEY,
    provider_id            INTEGER NOT NULL REFERENCES providers(id),
    year                   INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    referrals              INTEGER CHECK (referrals >= 0),
    one_off_consultations  INTEGER CHECK (one_off_consultations >= 0),
    not_accepted           INTEGER CHECK (not_accepted >= 0),
    accepted               INTEGER CHECK (accepted >= 0),
    assessments            INTEGER CHECK (assessments >= 0),
    re_assessments         INTEGER CHECK (re_assessments >= 0),
    caseload               INTEGER CHECK (caseload >= 0),
    source                 TEXT,
    version                INTEGER NOT NULL DEFAULT 1,
    UNIQUE (provider_id, year)
);
