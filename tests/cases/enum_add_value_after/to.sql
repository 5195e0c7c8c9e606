CREATE TYPE order_status AS ENUM ('pending', 'paid', 'packed', 'shipped');
