CREATE FUNCTION greet(name text) RETURNS text LANGUAGE sql AS 'SELECT ''hello, '' || name || '' !'' FROM';
