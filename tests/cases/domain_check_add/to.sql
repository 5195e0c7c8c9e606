create domain percentage as numeric(5,2)
    constraint percentage_range check (value >= 0 and value <= 100);

create table discounts (
    code text primary key,
    pct percentage not null
);
