create sequence ticket_no_seq;

create table tickets (
    id bigserial primary key,
    ticket_no bigint not null default nextval('ticket_no_seq')
);

grant select, insert on tickets to sd_writer;
-- inserting needs the sequences too
grant usage on sequence ticket_no_seq, tickets_id_seq to sd_writer;
grant select on sequence ticket_no_seq to sd_reader;
