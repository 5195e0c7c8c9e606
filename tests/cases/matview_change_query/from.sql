create table sales (
    id bigint primary key,
    region text not null,
    sold_on date not null,
    amount numeric(12,2) not null
);

create materialized view region_totals as
select region, sum(amount) as total
from sales
group by region;

create unique index region_totals_region_idx on region_totals (region);
