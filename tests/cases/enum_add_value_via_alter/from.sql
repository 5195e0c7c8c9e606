CREATE TYPE plan_tier AS ENUM ('free', 'pro');
