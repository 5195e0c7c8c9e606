create table audit_log (
    id bigint generated always as identity primary key,
    logged_at timestamptz not null default now(),
    message text not null
);
