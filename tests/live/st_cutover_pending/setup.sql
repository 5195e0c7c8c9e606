-- The state right after schemadiff's shadow-table cutover of public.orders, built by hand
-- (docs/shadow.md): the new table took the name orders (with the sequence, the view, the
-- trigger and the publication membership); the old table is kept as orders_sdold, with its
-- own indexes, constraints, policy, grants, comment, an owned sequence, statistics, an
-- inheritance child, publication membership and user trigger, until cleanup; a reverse-sync
-- trigger on the new table runs a function of schema schemadiff.
SET client_min_messages = error;
CREATE ROLE st_reader LOGIN;
\ir schema.sql

CREATE TABLE orders_sdold (
    id integer NOT NULL DEFAULT nextval('orders_id_seq'),
    customer_id bigint,
    note text,
    amount numeric(10,2)
);
ALTER TABLE orders_sdold ADD CONSTRAINT orders_sdold_pkey PRIMARY KEY (id);
-- the same constraint names as the new table's (PostgreSQL allows it on another table)
ALTER TABLE orders_sdold ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers;
ALTER TABLE orders_sdold ADD CONSTRAINT orders_amount_check CHECK (amount >= 0);
CREATE INDEX orders_customer_idx_sdold ON orders_sdold (customer_id);
CREATE UNIQUE INDEX orders_sdold_note_key ON orders_sdold (note) WHERE note IS NOT NULL;
ALTER TABLE orders_sdold ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_sdold_all ON orders_sdold USING (true);
CREATE SEQUENCE orders_sdold_legacy_seq OWNED BY orders_sdold.id;
CREATE STATISTICS orders_sdold_stats ON customer_id, amount FROM orders_sdold;
COMMENT ON TABLE orders_sdold IS 'kept by schemadiff until cleanup';
GRANT SELECT ON orders_sdold TO st_reader;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders_sdold FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TABLE orders_sdold_archive () INHERITS (orders_sdold);
ALTER PUBLICATION orders_pub ADD TABLE orders_sdold;

CREATE SCHEMA schemadiff;
CREATE TABLE schemadiff.shadow_state (
    table_schema text NOT NULL,
    table_name text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'synced', 'conflict', 'migrated', 'validated', 'cutover',
                          'rolled_back', 'cleaned')),
    shadow_name text NOT NULL,
    old_name text,
    fn_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    batch_no bigint NOT NULL DEFAULT 0,
    last_key text,
    rows_copied bigint NOT NULL DEFAULT 0,
    rows_estimate bigint,
    validation_hash text,
    mismatches text,
    PRIMARY KEY (table_schema, table_name)
);
INSERT INTO schemadiff.shadow_state (table_schema, table_name, status, shadow_name, old_name, fn_prefix)
VALUES ('public', 'orders', 'cutover', 'orders_sdshadow', 'orders_sdold', 'sd_orders'),
       -- not cut over: nothing is left out for them
       ('public', 'customers', 'validated', 'customers_sdshadow', NULL, 'sd_customers'),
       ('public', 'order_totals', 'cleaned', 'x_sdshadow', 'customers', 'sd_x');
CREATE FUNCTION schemadiff.sd_orders_rsync() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE TRIGGER _schemadiff_rsync AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION schemadiff.sd_orders_rsync();
