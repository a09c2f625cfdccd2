-- Langfuse-style: the last statement has no semicolon
CREATE TABLE scores (
    `id` String,
    `comment` Nullable(String) CODEC(ZSTD(1)) -- trailing comment; with a semicolon
) ENGINE = ReplacingMergeTree Partition by toYYYYMM(timestamp)
ORDER BY (
    id
)
