CREATE TYPE severity AS ENUM ('info', 'warning', 'error');
