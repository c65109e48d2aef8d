# The review page's listed-records search on the loaded county (issue 22, "a terms clause that reads the county"):
# engine "took" (ms) and the profile of its indicator_ids clause, for the clause as the portal sends it (one `terms` of
# 26 ids) and three other shapes, on each child's own records and on 5 of its household's.
# Usage: python3 2026-12-07-portal-termscost.py [children=60] [reps=3] [concurrency=1]; engine on 127.0.0.1:9455.
# The search mirrors ReferralReviewService.listedFilter/listedQuery (2026-12-07, main 9fe38b2); the ids are
# IndicatorNames.idsFrom of the five listed concerns (the catalogue's) plus MARAC_INDICATOR again, as sent.
import datetime, json, statistics, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
URL = "http://127.0.0.1:9455"
N = int(sys.argv[1]) if len(sys.argv) > 1 else 60
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
THREADS = int(sys.argv[3]) if len(sys.argv) > 3 else 1
def post(path, body):
    req = urllib.request.Request(URL + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=120))
IDS = ["CJ01", "CJ02", "CJ03", "CJ05", "EDU14", "EDU16", "HOU01", "HOU02", "HOU03", "PAR01", "PAR02", "PAR03", "PAR04", "PAR05",
       "PAR06", "PAR07", "PAR08", "PAR09", "PAR10", "PAR11", "PAR12", "PAR13", "PAR14", "PAR15", "PAR16", "PAR02"]
TYPES = sorted(["contact", "referral", "assessment", "section47", "cp_plan", "homeless_application", "notice_seeking_possession", "eviction",
    "rent_arrears", "tenancy_start", "appointment_missed", "attendance", "exclusion", "domestic_incident", "crime"])
TODAY = datetime.date(2026, 12, 7)
SHAPES = {"terms26 (as sent)": {"terms": {"indicator_ids": IDS}},
          "terms16 (first 16)": {"terms": {"indicator_ids": IDS[:16]}},
          "should26 (bool of term)": {"bool": {"minimum_should_match": 1, "should": [{"term": {"indicator_ids": i}} for i in IDS]}},
          "no indicator clause": {"term": {"indicator_ids": "__none__"}}}
def listed(clause):
    day = lambda n: str(TODAY - datetime.timedelta(days=n))
    should = [{"terms": {"record_type": TYPES}},
        {"bool": {"filter": [{"term": {"record_type": "a_and_e_attendance"}}, {"range": {"event_date": {"gte": day(365), "lte": str(TODAY)}}}]}},
        {"bool": {"filter": [{"term": {"record_type": "health_visit"}}, {"terms": {"codes.contact_outcome": ["no_access", "declined"]}}]}},
        {"term": {"agency": "probation"}}] + [{"exists": {"field": "codes." + c}} for c in ["dash_level", "marac", "offence", "offence_group"]]
    should += [clause, {"range": {"event_date": {"gte": day(30)}}}]
    return {"bool": {"minimum_should_match": 1, "should": should}}
def search(child, people, clause, profile=False):
    query = {"bool": {"filter": [{"terms": {"person_ids": people}}, listed(clause)]}}
    if child not in people:
        query["bool"]["must_not"] = [{"term": {"person_ids": child}}]
    return {"size": 2000, "profile": profile, "query": query, "sort": [{"event_date": {"order": "desc"}}, {"event_id": "asc"}],
            "_source": {"includes": ["event_id", "agency", "record_type", "event_date", "ingested_at", "title", "codes", "person_ids"]}}
kids = [h["_source"]["person_id"] for h in post("/tessera-persons/_search", {"size": N, "_source": ["person_id"],
    "query": {"terms": {"risk.band": ["amber", "red"]}}, "sort": [{"person_id": "asc"}]})["hits"]["hits"]]
cases = []
for k in kids:
    cases.append(("own", k, [k]))
    agg = post("/tessera-events/_search", {"size": 0, "query": {"term": {"person_ids": k}}, "aggs": {"p": {"terms": {"field": "person_ids", "size": 6}}}})
    cases.append(("household", k, [b["key"] for b in agg["aggregations"]["p"]["buckets"] if b["key"] != k][:5]))
freq = post("/tessera-events/_search", {"size": 0, "aggs": {"i": {"terms": {"field": "indicator_ids", "size": 500}}}})
df = {b["key"]: b["doc_count"] for b in freq["aggregations"]["i"]["buckets"]}
print(f"events {post('/tessera-events/_count', {})['count']}; documents carrying a listed id {sum(df.get(i, 0) for i in set(IDS))};"
      f" ids with any document {sum(1 for i in set(IDS) if df.get(i))} of {len(set(IDS))}")
answers = {}
def run(shape, case):
    part, child, people = case
    r = post("/tessera-events/_search", search(child, people, SHAPES[shape]))
    return part, child, r["took"], [h["_id"] for h in r["hits"]["hits"]]
with ThreadPoolExecutor(THREADS) as pool:
    for rep in range(REPS):
        for shape in SHAPES:
            took = {"own": [], "household": []}
            for part, child, t, ids in pool.map(lambda c: run(shape, c), cases):
                took[part].append(t)
                answers.setdefault((shape, part, child), ids)
            for part, ts in took.items():
                ts.sort()
                print(f"rep {rep} {shape:24s} {part:9s} took mean {statistics.mean(ts):6.1f} p50 {ts[len(ts) // 2]:4d} p95 {ts[int(len(ts) * .95)]:4d} max {ts[-1]:4d} ms", flush=True)
same = all(answers[(s, p, c)] == answers[("terms26 (as sent)", p, c)] for s in ["should26 (bool of term)"] for p, c, _ in cases)
print("should26 answers == terms26 answers:", same)
clause_ms = []
def walk(node):
    if node["type"].startswith("MultiTermQuery") and "indicator_ids" in node["description"]:
        clause_ms.append((node["time_in_nanos"] / 1e6, node["breakdown"]["build_scorer"] / 1e6))
    for c in node.get("children", []):
        walk(c)
total_ms = []
for part, child, people in cases:
    r = post("/tessera-events/_search", search(child, people, SHAPES["terms26 (as sent)"], True))
    before = len(clause_ms)
    total_ms.append(sum(q["time_in_nanos"] for shard in r["profile"]["shards"] for q in shard["searches"][0]["query"]) / 1e6)
    for shard in r["profile"]["shards"]:
        for q in shard["searches"][0]["query"]:
            walk(q)
    clause_ms[before:] = [tuple(map(sum, zip(*clause_ms[before:])))] if len(clause_ms) > before else []
print(f"profile, terms26, {len(cases)} searches: indicator clause (the rewritten terms, summed over the profile's slices) time max {max(c[0] for c in clause_ms):.3f} ms,"
      f" mean {statistics.mean(c[0] for c in clause_ms):.3f} ms (its build_scorer max {max(c[1] for c in clause_ms):.3f} ms);"
      f" whole query (summed) time mean {statistics.mean(total_ms):.2f} ms, max {max(total_ms):.2f} ms")
# The rewrite's set forced: a terms of every indicator id with documents (more than 16 of them), so that the ids past the
# 16 most frequent are read into a set from all their postings; the bool of term clauses beside it; same own-records filter.
every = sorted(df)
moved = sorted(df.values(), reverse=True)[16:]
print(f"forced set: {len(every)} ids with documents; the {len(moved)} past the 16 most frequent carry {sum(moved)} postings (read into the set)")
FORCED = {"terms-all": {"terms": {"indicator_ids": every}},
          "should-all": {"bool": {"minimum_should_match": 1, "should": [{"term": {"indicator_ids": i}} for i in every]}}}
forced_answers = {}
for rep in range(REPS):
    for shape, clause in FORCED.items():
        took, build = [], []
        for part, child, people in cases:
            r = post("/tessera-events/_search", search(child, people, clause, True))
            took.append(r["took"])
            forced_answers.setdefault((shape, part, child), [h["_id"] for h in r["hits"]["hits"]])
            clause_ms.clear()
            for shard in r["profile"]["shards"]:
                for q in shard["searches"][0]["query"]:
                    walk(q)
            build.append(sum(c[1] for c in clause_ms))
        took.sort()
        print(f"rep {rep} {shape:10s} took mean {statistics.mean(took):5.1f} p50 {took[len(took) // 2]:3d} ms;"
              f" terms clause build_scorer mean {statistics.mean(build):.3f} max {max(build):.3f} ms (profiled)", flush=True)
print("should-all answers == terms-all answers:", all(forced_answers[("should-all", p, c)] == forced_answers[("terms-all", p, c)] for p, c, _ in cases))
