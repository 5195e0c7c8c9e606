create table sales (
    id bigint generated always as identity primary key,
    region text not null,
    sold_on date not null,
    amount numeric(12,2) not null
);
