CREATE FUNCTION close_ticket(t ticket, reason text) RETURNS boolean
    LANGUAGE sql AS $$ SELECT true $$;
