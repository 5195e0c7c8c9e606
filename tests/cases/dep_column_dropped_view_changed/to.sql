create table users (
    id bigint primary key,
    email text not null,
    created_at timestamptz not null default now()
);

-- the view stops reading password_md5 before the column goes
create view user_list as
select id, email, created_at
from users;
