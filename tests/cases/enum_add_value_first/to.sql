CREATE TYPE severity AS ENUM ('debug', 'info', 'warning', 'error');
