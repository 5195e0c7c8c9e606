create table "users" (
    "id" integer primary key,
    email text not null,
    createdat timestamp with time zone default now()
);

CREATE INDEX "users_email_idx" ON "users" ("email");
