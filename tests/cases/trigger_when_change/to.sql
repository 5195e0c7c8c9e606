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

-- also when the body changes
create trigger posts_touch
    before update on posts
    for each row
    when (old.title is distinct from new.title or old.body is distinct from new.body)
    execute function touch_updated_at();
