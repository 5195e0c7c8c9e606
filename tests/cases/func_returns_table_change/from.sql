create table users (
    id bigint primary key,
    email text not null,
    created_at timestamptz not null default now()
);

create function recent_users(since interval)
returns table (id bigint, email text)
language sql stable
as $$
    select id, email from users where created_at > now() - since
$$;
