# The same searches as 2026-12-07-portal-termscost.py, the four shapes interleaved (each case runs every shape, the
# order rotating), for SECONDS: to run beside `tessera bench portal` so that every shape meets the same load.
# Usage: python3 2026-12-07-portal-termscost-interleaved.py [children=60] [seconds=45]
import statistics, sys, time
N, SECONDS = (int(sys.argv[1]) if len(sys.argv) > 1 else 60), (int(sys.argv[2]) if len(sys.argv) > 2 else 45)
src = open(__file__.replace("-interleaved", "")).read().split("answers = {}")[0]
sys.argv = [sys.argv[0], str(N)]
exec(src)
shapes = list(SHAPES)
took = {s: [] for s in shapes}
end, i = time.time() + SECONDS, 0
while time.time() < end:
    part, child, people = cases[i % len(cases)]
    for s in shapes[i % len(shapes):] + shapes[:i % len(shapes)]:
        took[s].append(post("/tessera-events/_search", search(child, people, SHAPES[s]))["took"])
    i += 1
for s, ts in took.items():
    ts.sort()
    print(f"{s:24s} n={len(ts)} took mean {statistics.mean(ts):6.1f} p50 {ts[len(ts) // 2]:4d} p95 {ts[int(len(ts) * .95)]:4d} max {ts[-1]:4d} ms")
