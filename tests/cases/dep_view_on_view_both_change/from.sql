create table orders (
    id bigint primary key,
    customer text not null,
    status text not null,
    total numeric(12,2) not null,
    note text
);

create view orders_clean as
select id, customer, status, total, note
from orders
where status <> 'deleted';

create view customer_totals as
select customer, sum(total) as total, count(*) as orders
from orders_clean
group by customer;
