CREATE SCHEMA crm;

CREATE TYPE crm.lead_stage AS ENUM ('new', 'won', 'lost');

CREATE TABLE crm.leads (
    id bigint PRIMARY KEY,
    stage crm.lead_stage NOT NULL DEFAULT 'new'
);
