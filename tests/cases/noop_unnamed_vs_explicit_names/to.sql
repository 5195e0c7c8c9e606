CREATE TABLE owners (
    id integer CONSTRAINT owners_pkey PRIMARY KEY
);

CREATE TABLE pets (
    id integer CONSTRAINT pets_pkey PRIMARY KEY,
    owner_id integer CONSTRAINT pets_owner_id_fkey REFERENCES owners (id),
    tag text CONSTRAINT pets_tag_key UNIQUE,
    age integer CONSTRAINT pets_age_check CHECK (age >= 0),
    name text,
    CONSTRAINT pets_owner_id_name_key UNIQUE (owner_id, name)
);

CREATE INDEX pets_name_idx ON pets (name);
CREATE INDEX pets_lower_idx ON pets (lower(name));
