CREATE SCHEMA "Sales";

CREATE TYPE "Sales"."Order Status" AS ENUM ('new', 'in progress', 'won''t fix', 'Done');

CREATE TABLE "user" (
    "id" integer PRIMARY KEY,
    "userName" text NOT NULL,
    "select" boolean DEFAULT false,
    "from" date
);

CREATE TABLE "Sales"."Order" (
    "Id" bigint PRIMARY KEY,
    "user" integer NOT NULL REFERENCES "user" ("id"),
    "Status" "Sales"."Order Status" NOT NULL DEFAULT 'in progress',
    "order" integer CHECK ("order" >= 0),
    "line item" text
);

CREATE TABLE "CamelCase" (
    "Key" text CONSTRAINT "CamelCase_PK" PRIMARY KEY,
    "Value" text
);

CREATE INDEX "Order_user_Idx" ON "Sales"."Order" ("user", "Status");
CREATE INDEX ON "CamelCase" ("Value");
CREATE UNIQUE INDEX "user name unique" ON "user" (lower("userName"));

COMMENT ON TABLE "Sales"."Order" IS 'Quoted "Order" table';
COMMENT ON COLUMN "user"."userName" IS 'Display name';
