ALTER PUBLICATION nope SET (publish = 'insert');
