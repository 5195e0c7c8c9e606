create table coupons (
    id bigint primary key,
    discount int not null
);
