create table posts (
    id bigint primary key,
    title text not null,
    body text,
    updated_at timestamptz not null default now()
);

create function touch_updated_at() returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create trigger posts_touch
    before update on posts
    for each row
    execute function touch_updated_at();
