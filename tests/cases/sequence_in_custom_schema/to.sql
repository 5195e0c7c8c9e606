CREATE SCHEMA ops;

CREATE SEQUENCE ops.job_seq AS integer START WITH 10;

CREATE TABLE ops.jobs (
    id integer PRIMARY KEY DEFAULT nextval('ops.job_seq'),
    name text NOT NULL
);

ALTER SEQUENCE ops.job_seq OWNED BY ops.jobs.id;
