create table users (
    id bigint primary key,
    email text not null,
    password_md5 text,
    created_at timestamptz not null default now()
);

create view user_list as
select id, email, password_md5 is not null as has_password, created_at
from users;
