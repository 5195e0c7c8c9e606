create table contacts (
    id bigint primary key,
    first_name text not null,
    last_name text not null,
    email text
);

-- full_name becomes display_name: the view is dropped and created, its trigger with it
create view contact_cards as
select id, last_name || ', ' || first_name as display_name, email
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
