-- The sample table of the JDBC demo: business units as an ERP keeps them, in an embedded H2 database.
-- H2 runs this script at every new connection (INIT=RUNSCRIPT in the demo's JDBC URL, see
-- application-sandbox.properties), so each statement is idempotent and the rows go in only into an empty table.
-- updated_at is the time of loading: each demo run (a new in-memory database) finds every row newer than the
-- watermark an earlier run stored.
CREATE TABLE IF NOT EXISTS business_units (
    unit_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    code        VARCHAR(16)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    status      VARCHAR(16)  NOT NULL DEFAULT 'open',
    updated_at  TIMESTAMP    NOT NULL DEFAULT LOCALTIMESTAMP
);

INSERT INTO business_units (unit_id, code, name, status)
    SELECT * FROM (VALUES
        ('LOC-SYD-01', 'SYD', 'Sydney Harbour Store', 'open'),
        ('LOC-MEL-02', 'MEL', 'Melbourne Central', 'open'),
        ('LOC-AKL-03', 'AKL', 'Auckland Waterfront', 'open'),
        ('LOC-SIN-04', 'SIN', 'Singapore Marina Bay', 'open'),
        ('LOC-HKG-05', 'HKG', 'Hong Kong Central', 'closed')
    ) AS seed (unit_id, code, name, status)
    WHERE NOT EXISTS (SELECT 1 FROM business_units);
