-- must be created before the column that calls it
create function random_code(len int) returns text
language sql volatile
as $$
    select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (random() * 31)::int + 1, 1), '')
    from generate_series(1, len)
$$;

create table coupons (
    id bigint primary key,
    discount int not null,
    code text not null default random_code(8)
);
