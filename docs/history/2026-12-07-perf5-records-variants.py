# Measurement (not product): the engine's cost of the feed store's records as v4 writes them, and without parts of it.
# usage: python3 variants.py PORT NDJSON MAPPING_JSON ORDER...   (ORDER: names of runs below, e.g. full keys none noexcl nodv full)
import json, sys, time, urllib.request, copy
port, ndjson, mapping_file = sys.argv[1], sys.argv[2], sys.argv[3]
order = sys.argv[4:]
base = 'http://127.0.0.1:%s' % port
definition = json.load(open(mapping_file))
import os
PID = os.environ.get('ENGINE_PID')
def cpu():
    if not PID: return 0.0
    f = open('/proc/%s/stat' % PID).read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')

def req(method, path, body=None, ctype='application/json'):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    r = urllib.request.Request(base + path, data=data, method=method, headers={'Content-Type': ctype})
    with urllib.request.urlopen(r, timeout=600) as resp:
        return json.loads(resp.read() or b'{}')

def strip(doc, fields):
    d = json.loads(doc)
    for f in fields: d.pop(f, None)
    return json.dumps(d, separators=(',', ':')).encode()
DROP = {'full': [], 'keys': ['blocking_units'], 'none': ['blocking_units', 'blocking_keys', 'blocking_version']}
def stream(kind):
    with open(ndjson, 'rb') as f:
        while True:
            action = f.readline()
            if not action.strip(): return
            doc = f.readline().rstrip(b'\n')
            yield action.rstrip(b'\n'), (doc if kind == 'full' else strip(doc, DROP[kind]))
def mapping(kind):
    m = copy.deepcopy(definition['mappings'])
    if kind == 'noexcl': m.pop('_source', None)
    if kind == 'nodv':
        m['properties']['blocking_keys']['doc_values'] = False
        m['properties']['blocking_version']['doc_values'] = False
    return m
runs = {'full': ('full', 'v4'), 'keys': ('keys', 'v4'), 'none': ('none', 'v4'), 'noexcl': ('full', 'noexcl'), 'nodv': ('full', 'nodv')}
for n, run in enumerate(order):
    docs_kind, map_kind = runs[run]
    name = 'perf5-exp-%d-%s' % (n, run)
    try: req('DELETE', '/' + name)
    except Exception: pass
    req('PUT', '/' + name, {'settings': {'number_of_shards': 1, 'number_of_replicas': 0, 'refresh_interval': '-1'}, 'mappings': mapping(map_kind)})
    took = 0; t0 = time.time(); chunk = []; sent = 0; c0 = cpu()
    def send(chunk):
        r = req('POST', '/' + name + '/_bulk?filter_path=took,errors', b''.join(chunk), 'application/x-ndjson')
        if r.get('errors'): raise SystemExit('errors in ' + name)
        return r['took']
    for action, doc in stream(docs_kind):
        chunk.append(action + b'\n' + doc + b'\n'); sent += len(doc)
        if len(chunk) == 2000: took += send(chunk); chunk = []
    if chunk: took += send(chunk)
    wall = time.time() - t0
    req('POST', '/' + name + '/_refresh')
    time.sleep(2)
    engine = cpu() - c0
    s = req('GET', '/' + name + '/_stats')['indices'][name]['total']
    print('%-22s %4.0f MB sent; docs %7d lucene %8d  bulk took %6.1f s  wall %6.1f s  index_time %6.1f s  merge %5.1f s  refresh %5.1f s  size %5.0f MB  engine CPU %6.1f core-s' % (
        name, sent / 1e6, s['docs']['count'], s['indexing']['index_total'], took / 1000, wall, s['indexing']['index_time_in_millis'] / 1000,
        s['merges']['total_time_in_millis'] / 1000, s['refresh']['total_time_in_millis'] / 1000, s['store']['size_in_bytes'] / 1e6, engine), flush=True)
    req('DELETE', '/' + name)
