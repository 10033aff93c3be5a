"""The town rollup done by DuckDB, the peer for scripts/bench-rollup.sh.

Same inputs (every village export in a folder), same aggregation, same
rounding (half away from zero), same output columns, ordered by village code.
Usage: python3 scripts/rollup_duckdb.py FOLDER OUT.csv
"""
import sys

import duckdb

folder, out = sys.argv[1], sys.argv[2]
columns = {
    "村代码": "VARCHAR", "村名": "VARCHAR", "年度": "INTEGER", "季度": "INTEGER", "户号": "VARCHAR",
    "户主": "VARCHAR", "村民小组": "VARCHAR", "本季加分": "DECIMAL(18,2)", "本季扣分": "DECIMAL(18,2)",
    "本季得分": "DECIMAL(18,2)", "年度累计": "DECIMAL(18,2)", "名次": "INTEGER", "星级": "INTEGER",
    "一票否决": "VARCHAR", "发布摘要": "VARCHAR",
}
# Averages in exact integers (hundredths of a point): DuckDB's decimal
# division goes through a double, which turns 16.955 into 16.95. Rounding is
# half away from zero, as the contract asks.
def avg_2dp(total_hundredths, count):
    return (f"sign({total_hundredths}) * ((2 * abs({total_hundredths}) + {count}) // (2 * {count})) / 100")

duckdb.sql(f"""
COPY (
  WITH v AS (
    SELECT 村代码, 村名, 年度, 季度, COUNT(*) AS n,
           SUM(本季加分) AS add_total, SUM(本季扣分) AS deduct_total,
           CAST(SUM(本季得分 * 100) AS HUGEINT) AS score_c,
           CAST(SUM(年度累计 * 100) AS HUGEINT) AS ytd_c,
           COUNT(*) FILTER (WHERE 一票否决 = '是') AS vetoed,
           COUNT(*) FILTER (WHERE 本季加分 > 0) AS participating
    FROM read_csv('{folder}/*.csv', header = true, auto_detect = false, columns = {columns!r})
    GROUP BY 村代码, 村名, 年度, 季度
  )
  SELECT 村代码, 村名, 年度, 季度, n AS 户数, add_total AS 加分合计, deduct_total AS 扣分合计,
         {avg_2dp("score_c", "n")} AS 户均本季得分,
         {avg_2dp("ytd_c", "n")} AS 户均年度累计,
         vetoed AS 一票否决户数, participating AS 参与户数,
         {avg_2dp("participating * 10000", "n")} AS "参与率(%)"
  FROM v ORDER BY 村代码
) TO '{out}' (HEADER, DELIMITER ',')
""")
