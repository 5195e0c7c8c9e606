create domain sku as text
    constraint sku_format check (value ~ '^[A-Z]{3}-[0-9]{4}$');

create table products (
    sku sku primary key,
    title text not null
);
