CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric, status text);
CREATE TABLE users (id integer PRIMARY KEY, email text, active boolean, created_at timestamptz);
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, what text);
CREATE PUBLICATION cdc FOR TABLE users (email, id) WHERE (active AND id > 0), app.orders, audit
    WITH (publish = 'insert, update');
CREATE PUBLICATION app_pub FOR TABLES IN SCHEMA app WITH (publish_via_partition_root = true);
CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION nothing_yet;
COMMENT ON PUBLICATION cdc IS 'change data capture';
