create table orders (
    id bigint primary key,
    customer text not null,
    status text not null,
    total numeric(12,2) not null,
    note text
);

-- note dropped from the inner view: customer_totals must go first and come back after
create view orders_clean as
select id, customer, status, total
from orders
where status not in ('deleted', 'test');

create view customer_totals as
select customer, sum(total) as total, count(*) as orders, max(id) as last_order
from orders_clean
group by customer;
