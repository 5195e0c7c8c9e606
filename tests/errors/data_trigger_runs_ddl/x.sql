CREATE TABLE tenants (name text PRIMARY KEY);
CREATE FUNCTION make_schema() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CREATE TABLE IF NOT EXISTS tenant_settings (k text);
    RETURN NEW;
END $$;
CREATE TRIGGER tenants_ins AFTER INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION make_schema();
-- a DELETE does not fire the INSERT trigger: left out
DELETE FROM tenants;
INSERT INTO tenants VALUES ('acme');
