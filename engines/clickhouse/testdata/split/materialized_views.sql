-- Create the all AMT
CREATE TABLE traces_all_amt
(
    `project_id` String, -- id; of the project
    `input` AggregateFunction(argMax, String, DateTime64(3)) CODEC (ZSTD(3))
) Engine = AggregatingMergeTree()
      ORDER BY (project_id);

-- Create materialized view for all_amt
CREATE MATERIALIZED VIEW IF NOT EXISTS traces_all_amt_mv TO traces_all_amt AS
SELECT
    tn.project_id as project_id,
    argMaxState(tn.input, if(tn.input <> '', tn.event_ts, toDateTime64(0, 3))) as input
FROM traces_null tn
GROUP BY project_id;
