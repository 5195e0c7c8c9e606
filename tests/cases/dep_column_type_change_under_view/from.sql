create table measurements (
    id bigint primary key,
    sensor text not null,
    value integer not null
);

create view sensor_max as
select sensor, max(value) as max_value
from measurements
group by sensor;
