create table projects (
    id serial primary key,
    name text not null
);

create table tasks (
    id bigint generated always as identity primary key,
    project_id int not null references projects,
    title text not null
);
