CREATE TABLE parcels (
    id integer PRIMARY KEY,
    weight_grams integer
);
