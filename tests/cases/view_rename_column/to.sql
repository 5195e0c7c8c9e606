create table orders (
    id bigint primary key,
    placed_at timestamptz not null default now(),
    total numeric(12,2) not null
);

create view order_summary as
select id, placed_at as placed_on, total from orders;
