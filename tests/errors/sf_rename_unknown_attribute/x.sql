CREATE TYPE pair AS (a int, b int);
ALTER TYPE pair RENAME ATTRIBUTE c TO d;
