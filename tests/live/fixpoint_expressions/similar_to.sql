-- the catalog says (a ~ similar_to_escape('x%'::text))
CREATE SCHEMA similar_to;
CREATE TABLE similar_to.t (
    a text CHECK (a SIMILAR TO 'x%')
);
