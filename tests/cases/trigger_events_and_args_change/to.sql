CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    status text NOT NULL,
    amount numeric(12,2) NOT NULL
);

CREATE TABLE change_log (
    table_name text NOT NULL,
    op text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION log_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO change_log (table_name, op) VALUES (TG_ARGV[0], TG_OP);
    RETURN NULL;
END;
$$;

-- more events, a column list, another argument
CREATE TRIGGER invoices_log AFTER INSERT OR DELETE OR UPDATE OF status, amount ON invoices
FOR EACH ROW EXECUTE FUNCTION log_change('billing.invoices');
