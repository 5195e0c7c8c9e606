create table customers (
    id bigint primary key,
    name text not null,
    email text,
    active boolean not null default true
);

-- only the customers we still talk to
create view active_customers as
    select id, name, email
    from customers
    where active;
