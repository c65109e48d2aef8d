#!/usr/bin/env python3
"""Writes the concept vocabularies of concepts.yaml into the indicator catalogue (see README.md).

Usage: build_concepts.py OPENSEARCH_URL   (any running Tessera OpenSearch with the events index: its
`case_note` analyzer turns each word into the indexed stem, so span_term clauses match.)
"""
import glob, json, re, sys, urllib.request
import yaml

HERE = __file__.rsplit('/', 1)[0]
URL = sys.argv[1].rstrip('/')
spec = yaml.safe_load(open(f'{HERE}/concepts.yaml'))
groups = spec['groups']
cache = {}

def tokens(phrase):
    if phrase not in cache:
        req = urllib.request.Request(f'{URL}/tessera-events/_analyze', method='POST',
                                     data=json.dumps({'analyzer': 'case_note', 'text': phrase}).encode(),
                                     headers={'content-type': 'application/json'})
        cache[phrase] = [t['token'] for t in json.load(urllib.request.urlopen(req))['tokens']]
    return cache[phrase]

def words(entry):
    out = []
    for w in entry if isinstance(entry, list) else [entry]:
        if isinstance(w, str) and w.startswith('@'):
            out.extend(groups[w[1:]])
        else:
            out.append(str(w))
    return out

def span_or(entry):
    clauses, seen = [], set()
    for w in words(entry):
        t = tokens(w)
        if not t or tuple(t) in seen:
            continue
        seen.add(tuple(t))
        if len(t) == 1:
            clauses.append({'span_term': {'text': t[0]}})
        else:
            clauses.append({'span_near': {'clauses': [{'span_term': {'text': x}} for x in t], 'slop': 0, 'in_order': True}})
    return {'span_or': {'clauses': clauses}}

def clause(c):
    if 'any' in c:
        q = span_or(c['any'])
    else:
        q = {'span_near': {'clauses': [span_or(e) for e in c['near']], 'slop': c.get('slop', 8),
                           'in_order': bool(c.get('ordered', False))}}
    if 'unless' in c:
        # words that take the concept back ("drinks socially"): no match when one is within `within` words
        n = c.get('within', 3)
        q = {'span_not': {'include': q, 'exclude': span_or(c['unless']), 'pre': n, 'post': n}}
    if 'filter' in c:
        q = {'bool': {'must': [q], 'filter': [{'range': c['filter']}]}}
    return q

by_indicator = {}
for name, c in spec['concepts'].items():
    by_indicator.setdefault(c['indicator'], []).append((name, clause(c)))

for path in sorted(glob.glob('mappings/indicators/*.yaml')):
    lines = open(path).read().split('\n')
    out, i, changed = [], 0, False
    while i < len(lines):
        m = re.match(r'^- id: (\S+)$', lines[i])
        if not m or m.group(1) not in by_indicator:
            out.append(lines[i]); i += 1; continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith('- id: ') and not (lines[j].startswith('#') and j > i):
            j += 1
        block = lines[i:j]
        # re-running replaces the earlier concept clauses; the version goes up once, when they first appear
        had = any(re.search(r'  # concept: \S+$', l) for l in block)
        block = [l for l in block if not re.search(r'^      - \{.*\}  # concept: \S+$', l)]
        q = next(k for k, l in enumerate(block) if l == '  query:')
        e = q + 1
        while e < len(block) and (block[e].startswith('    ') or block[e] == ''):
            e += 1
        body = block[q + 1:e]
        new = [f'      - {json.dumps(cl)}  # concept: {n}' for n, cl in by_indicator[m.group(1)]]
        if body[0] == '    bool:' and body[1] == '      should:' :
            body = body[:2] + new + body[2:]
        else:
            wrapped = ['      - ' + body[0][4:]] + ['    ' + l if l else l for l in body[1:]]
            body = ['    bool:', '      should:'] + wrapped + new + ['      minimum_should_match: 1']
        block = block[:q + 1] + body + block[e:]
        if not had:
            block = [re.sub(r'^  version: (\d+)$', lambda v: f'  version: {int(v.group(1)) + 1}', l) for l in block]
        out.extend(block); i = j; changed = True
    if changed:
        open(path, 'w').write('\n'.join(out))
        print('wrote', path)
