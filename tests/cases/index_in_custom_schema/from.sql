CREATE SCHEMA analytics;

CREATE TABLE analytics.page_views (
    id bigint PRIMARY KEY,
    path text NOT NULL,
    viewed_at timestamptz NOT NULL
);
