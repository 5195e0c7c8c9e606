CREATE TABLE region (id integer PRIMARY KEY);
-- NOT VALID inside CREATE TABLE is ignored by PostgreSQL (a new table has no rows): valid
CREATE TABLE shop (
    id integer PRIMARY KEY,
    region_id integer,
    rating integer,
    CONSTRAINT shop_rating_check CHECK (rating BETWEEN 1 AND 5) NOT VALID,
    CONSTRAINT shop_region_id_fkey FOREIGN KEY (region_id) REFERENCES region (id) NOT VALID
);
CREATE TABLE visit (id integer PRIMARY KEY, shop_id integer, minutes integer);
-- a later ALTER TABLE ... NOT VALID is kept not valid
ALTER TABLE visit ADD CONSTRAINT visit_minutes_check CHECK (minutes > 0) NOT VALID;
ALTER TABLE visit ADD CONSTRAINT visit_shop_id_fkey FOREIGN KEY (shop_id) REFERENCES shop (id) NOT VALID;
