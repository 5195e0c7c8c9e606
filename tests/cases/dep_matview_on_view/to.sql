create table events (
    id bigint primary key,
    kind text not null,
    payload jsonb,
    happened_at timestamptz not null
);

-- payload leaves the view: the materialized view over it (and its index) is rebuilt
create view recent_events as
select id, kind, happened_at
from events
where happened_at > now() - interval '30 days';

create materialized view recent_event_counts as
select kind, count(*) as n from recent_events group by kind;

create unique index recent_event_counts_kind on recent_event_counts (kind);
