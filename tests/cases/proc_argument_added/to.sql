CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_at timestamptz NOT NULL DEFAULT now(),
    level text NOT NULL DEFAULT 'info',
    message text NOT NULL
);

-- a new argument makes a new signature: log_message(text) is gone
CREATE PROCEDURE log_message(msg text, lvl text)
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO audit_log (level, message) VALUES (lvl, msg);
END
$$;
