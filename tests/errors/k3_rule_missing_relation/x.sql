CREATE TABLE users (
    id integer PRIMARY KEY,
    updated_at timestamptz
);

CREATE RULE users_keep AS ON DELETE TO user_list
    DO INSTEAD NOTHING;
