CREATE TABLE availability (
    id integer PRIMARY KEY,
    during tstzrange NOT NULL,
    location point
);

CREATE INDEX availability_during_idx ON availability USING gist (during);
CREATE INDEX availability_location_idx ON availability USING gist (location);
