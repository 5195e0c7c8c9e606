-- interval columns with fields and precision: format_type() spells them
-- `interval day to second(3)`; the grammar gives (fields mask, precision)
CREATE TABLE spans (
    id integer PRIMARY KEY,
    a interval,
    b interval day
);
