create table staff (
    id int primary key,
    full_name text not null,
    email text not null,
    salary numeric(12,2)
);

-- readers see the e-mail too, never the salary; writers may fix names only
grant select (id, full_name, email) on staff to sd_reader;
grant select (id), update (full_name, email) on staff to sd_writer;
