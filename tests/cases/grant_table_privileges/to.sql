create table invoices (
    id bigint primary key,
    customer text not null,
    amount numeric(12,2) not null
);

grant select on invoices to sd_reader;
grant select, insert, update, delete on table invoices to sd_writer;
-- the owner role may pass SELECT on
grant select on invoices to sd_owner with grant option;
