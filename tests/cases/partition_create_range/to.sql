create table readings (id bigint not null, taken_on date not null, value numeric);

create table events (
    id bigint not null,
    happened_on date not null,
    payload jsonb
) partition by range (happened_on);

create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01');
create table events_other partition of events default;
