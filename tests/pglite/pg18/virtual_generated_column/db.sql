-- from 18, GENERATED ALWAYS AS (...) without STORED is a virtual column
CREATE TABLE boxes (w integer, h integer, area integer GENERATED ALWAYS AS (w * h));
