-- sendesk schema, version 1.
-- Money is integer pence (columns ending _pence); dates are ISO text
-- YYYY-MM-DD; every table has an integer id and, where people need one, a
-- unique human key (code or ref) used in CSV files and on screen.
-- Districts and therapy types are configured, not tables: columns hold
-- their short codes (district 'SWA', therapy 'slt').

CREATE TABLE users (
    -- who may use this database, and as what
    id      INTEGER PRIMARY KEY,
    login   TEXT NOT NULL UNIQUE,
    role    TEXT NOT NULL CHECK (role IN ('caseworker', 'teamlead', 'admin'))
);

CREATE TABLE providers (
    -- an organisation that delivers therapy (NHS trust, independent, ...)
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    kind    TEXT CHECK (kind IN ('nhs-trust', 'independent', 'school', 'other'))
);

CREATE TABLE contracts (
    -- a block contract with one provider for a period; annual_value_pence
    -- is the rate at the start, later changes are in contract_values
    id                  INTEGER PRIMARY KEY,
    ref                 TEXT NOT NULL UNIQUE,
    provider_id         INTEGER NOT NULL REFERENCES providers(id),
    annual_value_pence  INTEGER NOT NULL CHECK (annual_value_pence >= 0),
    start_date          TEXT NOT NULL,
    end_date            TEXT NOT NULL,
    title               TEXT,
    status              TEXT CHECK (status IN ('draft', 'active', 'ended')),
    signed_date         TEXT,
    route               TEXT CHECK (route IN ('pcr2015', 'psr-direct-a', 'psr-direct-b',
                            'psr-direct-c', 'psr-most-suitable', 'psr-competitive')),
    decision_ref        TEXT,
    notes               TEXT,
    CHECK (end_date > start_date)
);
CREATE INDEX contracts_provider ON contracts(provider_id);
CREATE INDEX contracts_period ON contracts(start_date, end_date);

CREATE TABLE contract_values (
    -- the annual rate of a contract from a date on, with where the figure
    -- comes from: sources disagree, so every figure keeps its provenance
    id                  INTEGER PRIMARY KEY,
    contract_id         INTEGER NOT NULL REFERENCES contracts(id),
    from_date           TEXT NOT NULL,
    annual_value_pence  INTEGER NOT NULL CHECK (annual_value_pence >= 0),
    source              TEXT,
    UNIQUE (contract_id, from_date)
);

CREATE TABLE coverage (
    -- a contract covers one therapy in one configured district
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contracts(id),
    district     TEXT NOT NULL,
    therapy      TEXT NOT NULL,
    UNIQUE (contract_id, district, therapy)
);
CREATE INDEX coverage_district_therapy ON coverage(district, therapy);

CREATE TABLE staffing (
    -- posts a contract funds: share of the provider's posts in an area,
    -- and funded full-time equivalents; NULL means the source gives none
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contracts(id),
    therapy      TEXT NOT NULL,
    area         TEXT,
    pct_funded   REAL CHECK (pct_funded BETWEEN 0 AND 100),
    fte          REAL CHECK (fte >= 0)
);
-- one row per contract, therapy and area, a missing area counting as one
CREATE UNIQUE INDEX staffing_key ON staffing(contract_id, therapy, ifnull(area, ''));

CREATE TABLE children (
    -- a child or young person (0-25) with an EHCP
    id               INTEGER PRIMARY KEY,
    ref              TEXT NOT NULL UNIQUE,
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL,
    date_of_birth    TEXT NOT NULL,
    upn              TEXT UNIQUE,
    sex              TEXT CHECK (sex IN ('f', 'm', 'x')),
    district         TEXT,
    primary_need     TEXT,
    ehcp_start_date  TEXT
);
CREATE INDEX children_name ON children(last_name, first_name, id);

CREATE TABLE therapy_entries (
    -- one therapy written into a child's EHCP, in Section F (the
    -- council's duty) or G (the NHS's)
    id                INTEGER PRIMARY KEY,
    ref               TEXT NOT NULL UNIQUE,
    child_id          INTEGER NOT NULL REFERENCES children(id),
    section           TEXT NOT NULL CHECK (section IN ('F', 'G')),
    therapy           TEXT NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT,
    funding           TEXT CHECK (funding IN ('contract', 'spot', 'pb', 'school', 'nhs')),
    contract_id       INTEGER REFERENCES contracts(id),
    minutes_per_week  INTEGER CHECK (minutes_per_week >= 0),
    level             TEXT CHECK (level IN ('universal', 'targeted', 'specialist')),
    strand            TEXT CHECK (strand IN ('family', 'environment', 'workforce',
                          'identification', 'intervention')),
    description       TEXT
);
CREATE INDEX therapy_entries_child ON therapy_entries(child_id);
CREATE INDEX therapy_entries_contract ON therapy_entries(contract_id);
CREATE INDEX therapy_entries_active ON therapy_entries(start_date, end_date);

CREATE TABLE provision (
    -- therapy actually delivered against an entry on one day
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES therapy_entries(id),
    date        TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    therapist   TEXT,
    notes       TEXT
);
CREATE INDEX provision_entry_date ON provision(entry_id, date);

CREATE TABLE spot_purchases (
    -- therapy bought case by case from a provider for one child;
    -- end_date NULL means still open
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    child_id    INTEGER NOT NULL REFERENCES children(id),
    provider_id INTEGER NOT NULL REFERENCES providers(id),
    therapy     TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    cost_pence  INTEGER NOT NULL CHECK (cost_pence >= 0),
    end_date    TEXT,
    invoice_ref TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX spot_purchases_child ON spot_purchases(child_id);
CREATE INDEX spot_purchases_provider ON spot_purchases(provider_id);
CREATE INDEX spot_purchases_period ON spot_purchases(start_date, end_date);

CREATE TABLE personal_budgets (
    -- money paid to a family for agreed provision over a period
    id                   INTEGER PRIMARY KEY,
    ref                  TEXT NOT NULL UNIQUE,
    child_id             INTEGER NOT NULL REFERENCES children(id),
    start_date           TEXT NOT NULL,
    end_date             TEXT NOT NULL,
    amount_pence         INTEGER NOT NULL CHECK (amount_pence >= 0),
    therapy_amount_pence INTEGER CHECK (therapy_amount_pence >= 0),
    eotas                INTEGER CHECK (eotas IN (0, 1)),
    purpose              TEXT,
    CHECK (end_date >= start_date)
);
CREATE INDEX personal_budgets_child ON personal_budgets(child_id);
CREATE INDEX personal_budgets_period ON personal_budgets(start_date);

CREATE TABLE provider_returns (
    -- a provider's monthly figures for one therapy; NULL is "not
    -- reported", which is not zero
    id                              INTEGER PRIMARY KEY,
    provider_id                     INTEGER NOT NULL REFERENCES providers(id),
    therapy                         TEXT NOT NULL,
    month                           TEXT NOT NULL,
    referrals                       INTEGER CHECK (referrals >= 0),
    waiting_assessment              INTEGER CHECK (waiting_assessment >= 0),
    waiting_assessment_over_12w     INTEGER CHECK (waiting_assessment_over_12w >= 0),
    waiting_intervention            INTEGER CHECK (waiting_intervention >= 0),
    waiting_intervention_over_12w   INTEGER CHECK (waiting_intervention_over_12w >= 0),
    caseload                        INTEGER CHECK (caseload >= 0),
    UNIQUE (provider_id, therapy, month)
);
CREATE INDEX provider_returns_month ON provider_returns(month);

CREATE TABLE audit (
    -- one row per change: who, when, what, and the record before and
    -- after as JSON objects (NULL before an insert and after a delete)
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    login      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    kind       TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_record ON audit(kind, record_id);
