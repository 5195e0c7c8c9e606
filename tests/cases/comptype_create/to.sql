create type dimensions as (
    length_cm numeric(8,1),
    width_cm  numeric(8,1),
    height_cm numeric(8,1)
);

create table shipments (
    id bigint primary key,
    weight_kg numeric(8,3),
    size dimensions
);

create function volume_l(d dimensions) returns numeric
language sql immutable
as $$ select d.length_cm * d.width_cm * d.height_cm / 1000 $$;
