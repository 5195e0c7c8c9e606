CREATE TYPE stage AS ENUM ('lead', 'qualified', 'won', 'lost');
