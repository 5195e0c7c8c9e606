create table measurements (
    id bigint primary key,
    sensor text not null,
    value numeric(10,3) not null
);

-- the view text is the same, but max_value is now numeric: the view is rebuilt around the ALTER
create view sensor_max as
select sensor, max(value) as max_value
from measurements
group by sensor;
