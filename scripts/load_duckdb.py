"""Loads village exports into a DuckDB database, for a province that wants
a database rather than a file: table `households` holds every household
line of every export; view `rollup` is the town rollup, one row per village
and quarter, with the same columns, sums and rounding (half away from zero)
as `jifenbu rollup`.

The exports are read as `jifenbu rollup --households ALL.csv` writes them:
one UTF-8 CSV in the export's columns, whatever encoding or Excel files the
villages sent. Loading again adds the new lines; a village's quarter loaded
twice is refused, as `rollup` refuses a village given twice.

Usage: python3 scripts/load_duckdb.py DB.duckdb ALL.csv [ALL2.csv …]
Then, e.g.: duckdb DB.duckdb "SELECT * FROM rollup WHERE 年度 = 2025"
"""
import sys

import duckdb

COLUMNS = {
    "村代码": "VARCHAR", "村名": "VARCHAR", "年度": "INTEGER", "季度": "INTEGER", "户号": "VARCHAR",
    "户主": "VARCHAR", "村民小组": "VARCHAR", "本季加分": "DECIMAL(18,2)", "本季扣分": "DECIMAL(18,2)",
    "本季得分": "DECIMAL(18,2)", "年度累计": "DECIMAL(18,2)", "名次": "INTEGER", "星级": "INTEGER",
    "一票否决": "VARCHAR", "发布摘要": "VARCHAR", "补录日期": "VARCHAR",
}


def avg_2dp(total_hundredths: str, count: str) -> str:
    """An average in exact integers (hundredths of a point), rounded half
    away from zero: DuckDB's decimal division goes through a double, which
    would turn 16.955 into 16.95."""
    return f"sign({total_hundredths}) * ((2 * abs({total_hundredths}) + {count}) // (2 * {count})) / 100"


# One row per village and quarter, as `jifenbu rollup` writes it.
ROLLUP = f"""
  WITH v AS (
    SELECT 村代码, 村名, 年度, 季度, COUNT(*) AS n,
           SUM(本季加分) AS add_total, SUM(本季扣分) AS deduct_total,
           CAST(SUM(本季得分 * 100) AS HUGEINT) AS score_c,
           CAST(SUM(年度累计 * 100) AS HUGEINT) AS ytd_c,
           COUNT(*) FILTER (WHERE 一票否决 = '是') AS vetoed,
           COUNT(*) FILTER (WHERE 本季加分 > 0) AS participating
    FROM {{source}}
    GROUP BY 村代码, 村名, 年度, 季度
  )
  SELECT 村代码, 村名, 年度, 季度, n AS 户数, add_total AS 加分合计, deduct_total AS 扣分合计,
         {avg_2dp("score_c", "n")} AS 户均本季得分,
         {avg_2dp("ytd_c", "n")} AS 户均年度累计,
         vetoed AS 一票否决户数, participating AS 参与户数,
         {avg_2dp("participating * 10000", "n")} AS "参与率(%)"
  FROM v ORDER BY 年度, 季度, 村代码
"""


def read_csv(paths: str) -> str:
    """A DuckDB table function reading export CSVs with the schema given."""
    return f"read_csv({paths}, header = true, auto_detect = false, columns = {COLUMNS!r})"


def load(database: str, files: list[str]) -> None:
    con = duckdb.connect(database)
    columns = ", ".join(f'"{name}" {kind}' for name, kind in COLUMNS.items())
    con.execute(f"CREATE TABLE IF NOT EXISTS households ({columns}, PRIMARY KEY (村代码, 年度, 季度, 户号))")
    con.execute(f"CREATE OR REPLACE VIEW rollup AS {ROLLUP.format(source='households')}")
    con.execute("BEGIN")
    for f in files:
        new = con.execute(
            f"""SELECT DISTINCT n.村代码, n.年度, n.季度 FROM {read_csv(repr(f))} n
                JOIN households h USING (村代码, 年度, 季度)"""
        ).fetchall()
        if new:
            con.execute("ROLLBACK")
            sys.exit(f"{f}：村代码 {new[0][0]} 的 {new[0][1]} 年第 {new[0][2]} 季度已经载入过，全部未载入")
        con.execute(f"INSERT INTO households SELECT * FROM {read_csv(repr(f))}")
    con.execute("COMMIT")
    count = con.execute("SELECT COUNT(*), COUNT(DISTINCT 村代码) FROM households").fetchone()
    print(f"已载入 {database}：共 {count[0]} 户、{count[1]} 个村")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    load(sys.argv[1], sys.argv[2:])
