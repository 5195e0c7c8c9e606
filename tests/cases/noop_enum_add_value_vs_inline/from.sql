CREATE TYPE stage AS ENUM ('lead', 'won');
ALTER TYPE stage ADD VALUE 'qualified' BEFORE 'won';
ALTER TYPE stage ADD VALUE 'lost' AFTER 'won';
