CREATE SCHEMA analytics;

CREATE TABLE analytics.page_views (
    id bigint PRIMARY KEY,
    path text NOT NULL,
    viewed_at timestamptz NOT NULL
);

CREATE INDEX page_views_path_idx ON analytics.page_views (path, viewed_at DESC);
CREATE INDEX ON analytics.page_views USING brin (viewed_at);
