-- PostgreSQL 18 keeps every NOT NULL as a named row of pg_constraint (contype 'n')
CREATE TABLE tickets (
    id integer CONSTRAINT tickets_id_required NOT NULL,
    title text NOT NULL,
    note text
);
