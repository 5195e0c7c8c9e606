create table shipments (
    id bigint primary key,
    weight_kg numeric(8,3)
);
