# Same-sitting engine cost of the portal requests changed on 2026-12-07 (docs/history/2026-12-07-portal-county-cost.md):
# the old shape and the new shape of each, on the same loaded indices (embedded engine on 9453, default alias names).
# python3 docs/history/2026-12-07-portal-querycost.py [children] [repetitions]
# Same-sitting cost of the changed requests on the loaded county: old shape vs new shape, engine "took" (ms).
import json, sys, urllib.request, statistics, datetime
URL = "http://127.0.0.1:9453"
def post(path, body, nd=False):
    data = body if nd else json.dumps(body)
    req = urllib.request.Request(URL + path, data=data.encode(), headers={"Content-Type": "application/x-ndjson" if nd else "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=120))
def msearch(pairs):
    nd = "".join(json.dumps({"index": i}) + "\n" + json.dumps(b) + "\n" for i, b in pairs)
    return post("/_msearch", nd, nd=True)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 15
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
def pick():
    return post("/tessera-persons/_search", {"size": N, "_source": ["person_id", "household_ids", "relations"],
        "query": {"bool": {"filter": [{"terms": {"risk.band": ["amber", "red"]}}]}}, "sort": [{"person_id": "asc"}]})["hits"]["hits"]
kids = None
def fallback_kids():  # persons not written yet (mid-ingest): the children with most records, their named adults as the household
    agg = post("/tessera-events/_search", {"size": 0, "aggs": {"c": {"terms": {"field": "child_ids", "size": N}}}})
    return [{"_source": {"person_id": b["key"], "fallback": True}} for b in agg["aggregations"]["c"]["buckets"]]
def members(src):
    if src.get("fallback"):
        o = post("/tessera-events/_search", overview(src["person_id"], True))
        return [{"person_id": b["key"], "is_child": False} for b in o["aggregations"]["people"]["adults"]["ids"]["buckets"]][:10]
    rel = [r["person_id"] for r in src.get("relations", [])]
    hh = src.get("household_ids", [])
    if not rel and not hh: return []
    b = {"size": 50, "_source": ["person_id", "is_child"], "query": {"bool": {"minimum_should_match": 1,
         "must_not": [{"term": {"person_id": src["person_id"]}}], "should": [{"terms": {"person_id": rel}}, {"terms": {"household_ids": hh}}]}}}
    return [h["_source"] for h in post("/tessera-persons/_search", b)["hits"]["hits"]]
def routine(pid):
    return {"bool": {"filter": [{"term": {"person_ids": pid}}, {"term": {"record_type": "attendance"}},
            {"exists": {"field": "codes.attendance_pct"}}, {"exists": {"field": "event_date"}}]}}
def years_agg():
    today = datetime.date.today(); ranges = []
    for y in range(today.year - 25, today.year + 2):
        ranges.append({"key": str(y), "from": f"{y}-09-01", "to": f"{y+1}-09-01"})
    return {"date_range": {"field": "event_date", "ranges": ranges}, "aggs": {
        "mean": {"avg": {"field": "codes.attendance_pct"}}, "last": {"max": {"field": "event_date"}},
        "agency": {"terms": {"field": "agency", "size": 1, "order": {"latest": "desc"}}, "aggs": {"latest": {"max": {"field": "event_date"}}}},
        "counting": counting()}}
def counting():
    return {"nested": {"path": "hits"}, "aggs": {"counts": {"filter": {"term": {"hits.counts": True}}, "aggs": {"ids": {"terms": {"field": "hits.indicator_id", "size": 500}}}}}}
def page(ids, pid):
    return {"size": 51, "track_total_hits": False, "query": {"bool": {"filter": [{"terms": {"person_ids": ids}}], "must_not": [routine(pid)]}},
            "sort": [{"event_date": {"order": "desc", "missing": "_last"}}, {"event_id": {"order": "desc"}}],
            "_source": {"excludes": ["entities", "contexts", "entity_names"]}}
def old_chron(ids, pid):
    b = page(ids, pid)
    b["aggs"] = {"all": {"global": {}, "aggs": {"people": {"filter": {"terms": {"person_ids": ids}}, "aggs": {
        "agencies": {"terms": {"field": "agency", "size": 100}}, "counting": counting()}},
        "returns": {"filter": routine(pid), "aggs": {"years": years_agg()}}}}}
    return b
def new_whole(ids, pid):
    return {"size": 0, "track_total_hits": False, "query": {"bool": {"filter": [{"terms": {"person_ids": ids}}]}}, "aggs": {
        "agencies": {"terms": {"field": "agency", "size": 100}}, "counting": counting(),
        "returns": {"filter": routine(pid), "aggs": {"years": years_agg()}}}}
def overview(pid, hint):
    ids = {"terms": {"field": "people.person_id", "size": 500}}
    dobs = {"terms": {"field": "people.date_of_birth", "size": 100}}
    if hint: ids["terms"]["execution_hint"] = "map"; dobs["terms"]["execution_hint"] = "map"
    dobs["aggs"] = {"records": {"reverse_nested": {}, "aggs": {"newest": {"max": {"field": "event_date"}}}}}
    return {"size": 0, "track_total_hits": True, "query": {"term": {"person_ids": pid}}, "aggs": {"people": {"nested": {"path": "people"}, "aggs": {
        "adults": {"filter": {"bool": {"must_not": [{"term": {"people.is_child": True}}, {"term": {"people.role": "professional"}}, {"term": {"people.person_id": pid}}]}},
                   "aggs": {"ids": ids}},
        "child": {"filter": {"term": {"people.person_id": pid}}, "aggs": {"dobs": dobs}}}}}}
kids = pick() or fallback_kids()
docs = post("/tessera-events/_count", {})["count"]
res = {"chron_old": [], "chron_new": [], "ov_old": [], "ov_new": []}
same = 0
for h in kids:
    src = h["_source"]; pid = src["person_id"]
    ids = [pid] + [m["person_id"] for m in members(src) if not m.get("is_child")]
    for r in range(REPS):
        o = post("/tessera-events/_search", old_chron(ids, pid)); res["chron_old"].append(o["took"])
        n = msearch([("tessera-events", page(ids, pid)), ("tessera-events", new_whole(ids, pid))])
        res["chron_new"].append(n["took"])
        oo = post("/tessera-events/_search", overview(pid, False)); res["ov_old"].append(oo["took"])
        on = post("/tessera-events/_search", overview(pid, True)); res["ov_new"].append(on["took"])
    a = o["aggregations"]["all"]; b = n["responses"][1]["aggregations"]
    if json.dumps(a["returns"], sort_keys=True) == json.dumps(b["returns"], sort_keys=True) and a["people"]["agencies"]["buckets"] == b["agencies"]["buckets"] \
       and oo["aggregations"] == on["aggregations"] and [x["_id"] for x in o["hits"]["hits"]] == [x["_id"] for x in n["responses"][0]["hits"]["hits"]]:
        same += 1
def q(v, p): v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))]
print(f"events index: {docs} documents; fallback (persons not written): {bool(kids and kids[0]['_source'].get('fallback'))}")
print(f"{len(kids)} children (amber/red, or with the most records when the persons are not written yet) x {REPS}; same answers old/new: {same}/{len(kids)}")
for k, v in res.items():
    print(f"  {k}: n={len(v)} took p50 {q(v,0.5)} ms, p95 {q(v,0.95)} ms, mean {statistics.mean(v):.1f} ms")
