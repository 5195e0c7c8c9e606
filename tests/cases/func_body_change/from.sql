create function slugify(txt text) returns text
language plpgsql immutable strict
as $$
begin
    return lower(replace(txt, ' ', '-'));
end;
$$;

create function vat(net numeric) returns numeric
language sql immutable
return net * 0.19;
