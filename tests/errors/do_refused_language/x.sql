DO LANGUAGE plpython3u $$
plpy.execute("CREATE TABLE t (id int)")
$$;
