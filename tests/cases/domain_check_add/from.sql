create domain percentage as numeric(5,2);

create table discounts (
    code text primary key,
    pct percentage not null
);
