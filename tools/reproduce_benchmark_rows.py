"""Reproduce the AdaLayers rows of the sequence, token and layer-analysis benchmarks (same data, seeds and protocol) beside their JSON,
and write them to `nbs/benchmarks/reproduced_rows.json` as (now, JSON) pairs. About 20 min on one CPU thread:
`ADALAYERS_DATA=../shared/data OMP_NUM_THREADS=1 python tools/reproduce_benchmark_rows.py`"""
import json, platform, subprocess, sys, time, warnings
warnings.filterwarnings('ignore')
from pathlib import Path
import torch
from adalayers.all import *
B = Path(__file__).resolve().parent.parent/'nbs'/'benchmarks'
seq, tok, lay = (json.loads((B/f'{n}.json').read_text()) for n in ('sequence_classification', 'token_classification', 'layer_analysis'))
bb = FrozenBackbone.from_pretrained()
commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True, cwd=B).stdout.strip()
out = dict(commit=commit, date=time.strftime('%Y-%m-%d'), machine=f'{platform.machine()}, {torch.get_num_threads()} threads, torch {torch.__version__}', rows={})
def compare(name, got, want, keys):
    "Now and in the JSON, for each of `keys`; `within_noise`: the means differ by at most two standard deviations (the larger of the two runs')"
    rows = {k: (round(got[k], 4), want.get(k)) for k in keys if k in got}
    m = keys[0]
    std = max(got.get(m+'_std', 0), want.get(m+'_std', 0) or 0)
    rows['within_noise'] = bool(abs(got[m] - want[m]) <= 2 * std)
    out['rows'][name] = rows; print(name, rows, flush=True)
    (B/'reproduced_rows.json').write_text(json.dumps(out, indent=1))
S = seq['settings']
for task in ('cola', 'sst2', 'rte'):
    row = seq['tasks'][task]['rows'][0]
    dls = AdaDataLoaders.from_task(task, bb, train_n=S['train_n'][task], bs=S['bs'], seed=0).cached(bb)
    r, _ = fit_seeds(lambda: ada_learner(dls, bb), S['epochs'], S['lr'], tuple(S['seeds']))
    m = seq['tasks'][task]['main_metric']
    compare(f'sequence/{task}/AdaLayers', r, row, [m, m+'_std'] + (['accuracy', 'accuracy_std'] if m != 'accuracy' else []))
T = tok['settings']
dls = AdaDataLoaders.from_task('conll2003', bb, train_n=T['train_n'], valid_split='test', bs=T['bs'], seed=0).cached(bb)
for i, extra in enumerate([{}, dict(crf=True)]):
    r, _ = fit_seeds(lambda: ada_learner(dls, bb, dict(k=T['k'], alpha=T['alpha'], **extra)), T['epochs'], T['lr'], tuple(T['seeds']))
    compare('token/conll2003/AdaLayers' + (' + CRF' if extra else ''), r, tok['tasks']['conll2003']['rows'][i], ['entity_f1', 'entity_f1_std', 'entity_precision', 'entity_recall'])
if '--all' in sys.argv: # the layer-analysis rows too (another 20 minutes)
    dls = AdaDataLoaders.from_task('sst2', bb, train_n=4000, bs=64, seed=0).cached(bb)
    nu = hidden_state_variability(bb, dls)
    L = lay['tasks']['sst2']
    out['rows']['layer_analysis/sst2/nu_max_abs_diff'] = float(max(abs(a - b) for a, b in zip(nu.round(4), L['nu'])))
    for name, kw in dict(uniform={}, nu_init=nu_options(nu), top3_by_nu=nu_options(nu, topk=3), xie_best_by_nu=xie_options(nu)).items():
        r, _ = fit_seeds(lambda: ada_learner(dls, bb, **kw), 5, 1e-3, (0, 1))
        compare(f'layer_analysis/sst2/{name}', dict(score=r['accuracy'], score_std=r['accuracy_std']), L['using_nu']['runs'][name], ['score', 'score_std'])
