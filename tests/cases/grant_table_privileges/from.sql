create table invoices (
    id bigint primary key,
    customer text not null,
    amount numeric(12,2) not null
);
