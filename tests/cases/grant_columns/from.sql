create table staff (
    id int primary key,
    full_name text not null,
    email text not null,
    salary numeric(12,2)
);

grant select (id, full_name) on staff to sd_reader;
