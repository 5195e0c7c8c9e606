CREATE TABLE owners (
    id integer,
    PRIMARY KEY (id)
);

CREATE TABLE pets (
    id integer NOT NULL,
    owner_id integer,
    tag text,
    age integer,
    PRIMARY KEY (id),
    FOREIGN KEY (owner_id) REFERENCES owners (id),
    UNIQUE (tag),
    CHECK (age >= 0)
);

ALTER TABLE pets ALTER COLUMN owner_id SET NOT NULL;
