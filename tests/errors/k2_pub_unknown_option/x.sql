CREATE PUBLICATION p WITH (publsh = 'insert');
