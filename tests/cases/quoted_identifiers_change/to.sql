CREATE SCHEMA "Sales";

CREATE TYPE "Sales"."Order Status" AS ENUM ('new', 'in progress', 'on "hold"', 'won''t fix', 'Done');

CREATE TABLE "user" (
    "id" integer PRIMARY KEY,
    "userName" text NOT NULL,
    "select" boolean DEFAULT true,
    "from" date,
    "to" date,
    CONSTRAINT "from before to" CHECK ("from" <= "to")
);

CREATE TABLE "Sales"."Order" (
    "Id" bigint PRIMARY KEY,
    "user" integer NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
    "Status" "Sales"."Order Status" NOT NULL DEFAULT 'new',
    "order" integer CHECK ("order" > 0),
    "line item" text
);

CREATE TABLE "CamelCase" (
    "Key" text CONSTRAINT "CamelCase_PK" PRIMARY KEY,
    "Value" text,
    "Other Value" integer
);

CREATE INDEX "Order_user_Idx" ON "Sales"."Order" ("user", "Status", "order");
CREATE INDEX ON "CamelCase" ("Value");
CREATE INDEX ON "CamelCase" ("Other Value");
CREATE UNIQUE INDEX "user name unique" ON "user" (lower("userName"));

COMMENT ON TABLE "Sales"."Order" IS 'Quoted "Order" table; it''s reserved';
COMMENT ON COLUMN "user"."userName" IS 'Display name';
