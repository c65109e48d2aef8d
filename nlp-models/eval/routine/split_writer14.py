"""Freeze writer 14's held-out half before any head is trained on the other half (session 18, helper stage5).
Split: items sorted by SHA-256 of their id; the first half (rounded up) is held out. Deterministic, by id, blind to text."""
import hashlib, json, sys
src, train_out, held_out = sys.argv[1:4]
rows = [json.loads(l) for l in open(src, encoding='utf-8') if l.strip()]
ids = [r['id'] for r in rows]
assert len(ids) == len(set(ids)), 'duplicate ids'
order = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
held = set(order[:(len(order) + 1) // 2])
def norm(r):
    r = dict(r); r.setdefault('concern', 'none'); r.setdefault('context', 'affirmed'); return r
with open(train_out, 'w', encoding='utf-8') as t, open(held_out, 'w', encoding='utf-8') as h:
    for r in rows:
        (h if r['id'] in held else t).write(json.dumps(norm(r), ensure_ascii=False) + '\n')
print(len(rows), 'items;', len(held), 'held out;', len(rows) - len(held), 'training')
