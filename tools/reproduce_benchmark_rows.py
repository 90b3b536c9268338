"Reproduce the AdaLayers rows of the sequence, token and layer-analysis benchmarks (same data, seeds and protocol) and print them beside their JSON: (now, JSON). About 40 min on 2 cores: `ADALAYERS_DATA=../shared/data python tools/reproduce_benchmark_rows.py`"
import json, sys, time, warnings
warnings.filterwarnings('ignore')
from pathlib import Path
from adalayers.all import *
B = Path(__file__).resolve().parent.parent/'nbs'/'benchmarks'
seq, tok, lay = (json.loads((B/f'{n}.json').read_text()) for n in ('sequence_classification', 'token_classification', 'layer_analysis'))
bb = FrozenBackbone.from_pretrained()
out = {}
def compare(name, got, want, keys):
    rows = {k: (round(got[k], 4), want.get(k)) for k in keys if k in got}
    out[name] = rows; print(name, rows, flush=True)
S = seq['settings']
for task in ('cola', 'sst2'):
    dls = AdaDataLoaders.from_task(task, bb, train_n=S['train_n'][task], bs=S['bs'], seed=0).cached(bb)
    r, _ = fit_seeds(lambda: ada_learner(dls, bb, dict(k=S['k'], alpha=S['alpha'])), S['epochs'], S['lr'], tuple(S['seeds']))
    compare(f'sequence/{task}/AdaLayers', r, seq['tasks'][task]['rows'][0], ['accuracy', 'accuracy_std', 'matthews_corrcoef', 'matthews_corrcoef_std'])
T = tok['settings']
dls = AdaDataLoaders.from_task('conll2003', bb, train_n=T['train_n'], valid_split='test', bs=T['bs'], seed=0).cached(bb)
for i, extra in enumerate([{}, dict(crf=True)]):
    r, _ = fit_seeds(lambda: ada_learner(dls, bb, dict(k=T['k'], alpha=T['alpha'], **extra)), T['epochs'], T['lr'], tuple(T['seeds']))
    compare('token/conll2003/AdaLayers' + (' + CRF' if extra else ''), r, tok['tasks']['conll2003']['rows'][i], ['entity_f1', 'entity_f1_std', 'entity_precision', 'entity_recall'])
dls = AdaDataLoaders.from_task('sst2', bb, train_n=4000, bs=64, seed=0).cached(bb)
nu = hidden_state_variability(bb, dls)
L = lay['tasks']['sst2']
print('nu', [round(float(v), 4) for v in nu], 'json', L['nu'], flush=True)
out['layer_analysis/sst2/nu_max_abs_diff'] = float(max(abs(a - b) for a, b in zip(nu.round(4), L['nu'])))
for name, kw in dict(uniform={}, nu_init=nu_options(nu), top3_by_nu=nu_options(nu, topk=3), xie_best_by_nu=xie_options(nu)).items():
    r, _ = fit_seeds(lambda: ada_learner(dls, bb, **kw), 5, 1e-3, (0, 1))
    compare(f'layer_analysis/sst2/{name}', dict(score=r['accuracy'], score_std=r['accuracy_std']), L['using_nu']['runs'][name], ['score', 'score_std'])
print(json.dumps(out))
