create table customers (
    id bigint primary key,
    name text not null
);

create table loyalty_points (
    customer_id bigint not null references customers,
    points int not null,
    earned_at timestamptz not null default now()
);

-- a SQL function body is checked when it is created: loyalty_points must exist first
create function points_of(cid bigint) returns bigint
language sql stable
as $$ select coalesce(sum(points), 0) from loyalty_points where customer_id = cid $$;

create view customer_points as
select c.id, c.name, points_of(c.id) as points from customers c;
