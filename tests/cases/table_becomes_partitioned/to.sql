create table logs (id bigint not null, at timestamptz not null, line text) partition by range (at);
create index logs_at_idx on logs (at);
create table logs_2026 partition of logs for values from ('2026-01-01') to ('2027-01-01');
