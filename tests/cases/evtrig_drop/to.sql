CREATE FUNCTION log_drops() RETURNS event_trigger
LANGUAGE plpgsql
AS $$
DECLARE
    obj record;
BEGIN
    FOR obj IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
        RAISE LOG 'dropped % %', obj.object_type, obj.object_identity;
    END LOOP;
END;
$$;

CREATE TABLE things (
    id int PRIMARY KEY
);
