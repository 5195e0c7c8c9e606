CREATE TABLE logs (
    id integer PRIMARY KEY,
    msg text,
    created timestamp DEFAULT (now() AT TIME ZONE 'utc'),
    created_day date DEFAULT (now() AT TIME ZONE 'UTC')::date,
    local_ts timestamptz DEFAULT ((CURRENT_TIMESTAMP AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris'),
    CONSTRAINT logs_created_check CHECK (created <= (now() AT TIME ZONE 'utc') + interval '1 day')
);
CREATE VIEW recent_logs AS
    SELECT id, msg, created AT TIME ZONE 'utc' AS created_utc, (created AT TIME ZONE 'utc')::date AS day
    FROM logs
    WHERE created > now() AT TIME ZONE 'utc' - interval '1 day';
