CREATE SCHEMA api;

CREATE TABLE api_keys (
    id integer PRIMARY KEY,
    label text NOT NULL,
    revoked boolean NOT NULL DEFAULT false
);

-- label becomes text under the view: the rebuilt view keeps its owner, grant and comments
CREATE VIEW api.active_keys AS
    SELECT id, label FROM api_keys WHERE NOT revoked;

ALTER VIEW api.active_keys OWNER TO sd_owner;
GRANT SELECT ON api.active_keys TO sd_reader;
COMMENT ON VIEW api.active_keys IS 'Keys that still work';
COMMENT ON COLUMN api.active_keys.label IS 'Shown in the UI';
