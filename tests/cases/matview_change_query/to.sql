create table sales (
    id bigint primary key,
    region text not null,
    sold_on date not null,
    amount numeric(12,2) not null
);

-- a materialized view cannot be replaced: dropped and created again, its index with it
create materialized view region_totals as
select region, sum(amount) as total, max(sold_on) as last_sale
from sales
where amount > 0
group by region;

create unique index region_totals_region_idx on region_totals (region);
