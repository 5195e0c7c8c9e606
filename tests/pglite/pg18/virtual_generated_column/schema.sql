CREATE TABLE boxes (w integer, h integer, area integer GENERATED ALWAYS AS (w * h) STORED);
