create table sales (
    id bigint primary key,
    region text not null,
    amount numeric(12,2) not null
);

create view big_sales as
select id, region, amount from sales where amount > 1000;

create materialized view region_totals as
select region, sum(amount) as total from sales group by region;

create index region_totals_region_idx on region_totals (region);

comment on view big_sales is 'Sales above 1000 EUR';
comment on column big_sales.amount is 'Net amount';
comment on materialized view region_totals is 'Refreshed nightly';
comment on column region_totals.total is 'Sum of net amounts';
comment on index region_totals_region_idx is 'Lookup by region';
