#!/usr/bin/env bash
# The analyst's pipeline: an 835 remittance into the four CSV tables, then
# questions answered with sqlite3 (any tool that reads RFC 4180 CSV will do).
# Usage: remit-to-csv.sh [REMIT.x12] [OUT_DIR] [path/to/x12]
set -euo pipefail
here=$(dirname "$0")
remit=${1:-$here/835-remit.x12} out=${2:-remit-tables} x12=${3:-x12}

# One pass writes payments.csv, claims.csv, lines.csv and adjustments.csv;
# each file appears whole or not at all.
"$x12" convert "$remit" --to csv --table all --out-dir "$out"

# One table alone goes to standard output, ready for a pipe.
"$x12" convert "$remit" --to csv --table claims | head -n 3

command -v sqlite3 >/dev/null || { echo "tables in $out/ (install sqlite3 for the queries)"; exit 0; }
sqlite3 -header -column :memory: <<SQL
.import --csv $out/claims.csv claims
.import --csv $out/adjustments.csv adjustments
-- What was billed, paid and adjusted per claim status (22 is a reversal).
SELECT claim_status, count(*) AS claims, printf('%.2f', sum(charge_amount)) AS charged,
       printf('%.2f', sum(paid_amount)) AS paid,
       printf('%.2f', sum(adjustment_total)) AS adjusted
  FROM claims GROUP BY claim_status;
-- Adjustment reasons by amount; remark codes (kind = 'remark') counted apart.
SELECT group_code, reason_code, count(*) AS n, printf('%.2f', sum(amount)) AS amount
  FROM adjustments WHERE kind = 'adjustment'
  GROUP BY group_code, reason_code ORDER BY sum(amount) DESC;
SELECT reason_code AS remark, count(*) AS n FROM adjustments
  WHERE kind = 'remark' GROUP BY reason_code;
SQL
