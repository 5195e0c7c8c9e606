CREATE TYPE color AS ENUM ('red', 'green', 'blue');
