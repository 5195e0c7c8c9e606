CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_at timestamptz NOT NULL DEFAULT now(),
    message text NOT NULL
);

CREATE PROCEDURE purge_audit_log(keep_days int DEFAULT 90)
LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM audit_log WHERE logged_at < now() - make_interval(days => keep_days);
END;
$$;
