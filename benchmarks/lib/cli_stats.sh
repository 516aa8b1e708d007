# Shell helpers shared by the benchmark scripts that time the crossbar CLI (sourced, not run).

# value <label> <file>: the number after a "label   value" line of --stats.
value() { awk -v label="$1" 'index($0, label " ") == 1 { v = substr($0, length(label) + 1); gsub(/^ +/, "", v); split(v, f, " "); print f[1]; exit }' "$2"; }
# key <name> <file>: the value of a "name value" line of umfpack_time.
key() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
# csv_column <column> <file>: the first data row's value of a CSV column.
csv_column() { awk -F, -v c="$1" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i } NR == 2 && k { print $k }' "$2"; }
# gnu_time <file>: "wall_s rss_MB" from /usr/bin/time -v output.
gnu_time() {
  awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
       /Maximum resident set size/ { rss = $NF / 1024 }
       END { printf "%.3f %.1f\n", wall, rss }' "$1"
}
