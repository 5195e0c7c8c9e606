CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    label text
);
