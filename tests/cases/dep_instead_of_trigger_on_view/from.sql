create table contacts (
    id bigint primary key,
    first_name text not null,
    last_name text not null,
    email text
);

create view contact_cards as
select id, first_name || ' ' || last_name as full_name, email
from contacts;

create function contact_cards_update() returns trigger
language plpgsql
as $$
begin
    update contacts set email = new.email where id = old.id;
    return new;
end;
$$;

create trigger contact_cards_update
    instead of update on contact_cards
    for each row
    execute function contact_cards_update();
