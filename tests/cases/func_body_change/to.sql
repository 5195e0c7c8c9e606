create function slugify(txt text) returns text
language plpgsql immutable strict
as $$
begin
    -- collapse every run of non-alphanumerics into one dash
    return lower(regexp_replace(trim(txt), '[^a-zA-Z0-9]+', '-', 'g'));
end;
$$;

create function vat(net numeric) returns numeric
language sql immutable
return round(net * 0.19, 2);
