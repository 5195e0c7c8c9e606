CREATE TABLE memberships (
    group_id integer NOT NULL,
    user_id integer NOT NULL,
    role text NOT NULL DEFAULT 'member',
    CONSTRAINT memberships_pk PRIMARY KEY (user_id, group_id, role)
);
