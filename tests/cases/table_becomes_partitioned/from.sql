create table logs (id bigint not null, at timestamptz not null, line text);
create index logs_at_idx on logs (at);
