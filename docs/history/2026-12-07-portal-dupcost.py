# Duplicates search cost: the review page's possible-duplicates search (fuzzy names + date of birth) for 30 amber/red children x 3 against the engine on 9455; prints took p50/p95/mean.
import json, urllib.request, statistics
E='http://127.0.0.1:9455'
def post(path, body):
    r=urllib.request.Request(E+path, data=json.dumps(body).encode(), headers={'Content-Type':'application/json'})
    return json.load(urllib.request.urlopen(r))
kids=post('/tessera-persons/_search',{'size':30,'query':{'terms':{'risk.band':['amber','red']}},'_source':['person_id','given_names','family_name','date_of_birth']})['hits']['hits']
took={'dup':[], 'dup_nodob':[], 'names_only':[]}
for rep in range(3):
  for h in kids:
    s=h['_source']; g=s.get('given_names') or []; f=s.get('family_name') or []; names=((g if isinstance(g,str) else ' '.join(g))+' '+(f if isinstance(f,str) else ' '.join(f))).strip()
    q={'size':10,'query':{'bool':{'must_not':[{'term':{'person_id':s['person_id']}}],'should':[{'match':{'all_names':{'query':names,'fuzziness':'AUTO'}}},{'term':{'date_of_birth':{'value':s.get('date_of_birth'),'boost':3}}}],'minimum_should_match':2}}}
    took['dup'].append(post('/tessera-persons/_search?request_cache=false',q)['took'])
    q2={'size':10,'query':{'bool':{'must_not':[{'term':{'person_id':s['person_id']}}],'should':[{'match':{'all_names':{'query':names,'fuzziness':'AUTO'}}}],'minimum_should_match':1}}}
    took['names_only'].append(post('/tessera-persons/_search?request_cache=false',q2)['took'])
for k,v in took.items():
  if v:
    v=sorted(v); print(k, 'n',len(v),'p50',v[len(v)//2],'p95',v[int(len(v)*0.95)],'mean',round(statistics.mean(v),1))
