create table sales (
    id bigint generated always as identity primary key,
    region text not null,
    sold_on date not null,
    amount numeric(12,2) not null
);

-- refreshed nightly; the unique index allows REFRESH ... CONCURRENTLY
create materialized view daily_sales as
select region, sold_on, sum(amount) as total, count(*) as n
from sales
group by region, sold_on;

create unique index daily_sales_key on daily_sales (region, sold_on);
create index daily_sales_total_idx on daily_sales (total desc);
