create table users (
    id bigint primary key,
    email text not null,
    created_at timestamptz not null default now()
);

-- one more output column: a different return type (record of 3 OUT parameters)
create function recent_users(since interval)
returns table (id bigint, email text, created_at timestamptz)
language sql stable
as $$
    select id, email, created_at from users where created_at > now() - since
$$;
