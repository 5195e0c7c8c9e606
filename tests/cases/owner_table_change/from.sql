create table projects (
    id serial primary key,
    name text not null
);

create table tasks (
    id bigint generated always as identity primary key,
    project_id int not null references projects,
    title text not null
);

-- the current owners, stated (a file without OWNER TO does not say who owns: nothing to compare)
alter table projects owner to postgres;
alter table tasks owner to postgres;
