#!/usr/bin/env bash
# Measurement (not product, helper perf6, session 20): one 10k first load in TREE on a fresh engine home (port 9453),
# then the engine process CPU (/proc/PID/stat) and the kept indices' _stats; the engine stopped by its pid file.
# usage: perf6-bench.sh TREE RUN   (TREE: /work/wt/perf6 or /work/wt/perf6-before)
set -u
TREE=$1; RUN=$2
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
HOME_DIR=/tmp/os-perf6-cli-$RUN
CONF=/tmp/perf6-$RUN.properties
OUT=/tmp/perf6-results/$RUN
mkdir -p $OUT
rm -rf $HOME_DIR /tmp/perf6-work-$RUN
printf 'tessera.opensearch.embedded.port=9453\ntessera.opensearch.embedded.home=%s\ntessera.opensearch.embedded.heap=1g\n' $HOME_DIR > $CONF
echo "tree $TREE $(git -C $TREE rev-parse --short HEAD) start $(date -u +%T) $(uptime)" > $OUT/meta
cd $TREE
TESSERA_JAVA_OPTS=-Xmx2g /usr/bin/time -f "indexer %e s wall %U user %S sys %M KB maxrss" \
  ./tessera bench ingest --preset 10000-children --work /tmp/perf6-work-$RUN --keep --config $CONF > $OUT/log 2>&1
echo "end $(date -u +%T) $(uptime)" >> $OUT/meta
PID=$(cat $HOME_DIR/run/opensearch.pid 2>/dev/null)
echo "engine pid $PID" >> $OUT/meta
if [ -n "$PID" ]; then
  awk '{printf "engine core-s %.1f\n", ($14+$15)/100}' /proc/$PID/stat >> $OUT/meta
  curl -s "localhost:9453/_stats?level=indices" > $OUT/stats.json
  curl -s "localhost:9453/_cat/indices?v&bytes=mb" > $OUT/indices.txt
  kill $PID
  for i in $(seq 1 30); do kill -0 $PID 2>/dev/null || break; sleep 1; done
fi
rm -rf $HOME_DIR /tmp/perf6-work-$RUN
python3 - $OUT/stats.json >> $OUT/meta <<'PY'
import json,sys
try:
    d=json.load(open(sys.argv[1]))
except Exception as e:
    print("no stats", e); sys.exit()
for name,ix in sorted(d["indices"].items()):
    p=ix["primaries"]
    print(f'{name}: docs {p["docs"]["count"]} index {p["indexing"]["index_time_in_millis"]/1000:.1f}s refresh {p["refresh"]["total_time_in_millis"]/1000:.1f}s merge {p["merges"]["total_time_in_millis"]/1000:.1f}s flush {p["flush"]["total_time_in_millis"]/1000:.1f}s size {p["store"]["size_in_bytes"]/1e6:.1f}MB')
PY
cat $OUT/meta
