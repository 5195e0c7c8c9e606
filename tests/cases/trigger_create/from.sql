create table posts (
    id bigint primary key,
    title text not null,
    body text,
    updated_at timestamptz not null default now()
);
