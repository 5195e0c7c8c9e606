CREATE TYPE plan_tier AS ENUM ('free', 'pro');
ALTER TYPE plan_tier ADD VALUE 'team' BEFORE 'pro';
ALTER TYPE plan_tier ADD VALUE 'enterprise';
