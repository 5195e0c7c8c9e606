CREATE SCHEMA auth;

CREATE TABLE auth.users (
    id uuid PRIMARY KEY
);

CREATE TABLE profiles (
    user_id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    bio text
);
