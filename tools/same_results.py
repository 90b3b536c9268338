"""Train a few heads on cached states (CoLA AdaLayers and single layer, CoNLL-2003 with a CRF) and print every recorded value as JSON.
Run it under two versions of the library and compare: e.g. `git worktree add /tmp/old <commit>`, then
`PYTHONPATH=/tmp/old python tools/same_results.py > old.json` and `python tools/same_results.py > new.json` (about 1 minute each)"""
import sys, json, warnings; warnings.filterwarnings('ignore')
import torch; torch.set_num_threads(1)
import adalayers; print(adalayers.__file__, file=sys.stderr)
from adalayers.all import *
bb = FrozenBackbone.from_pretrained()
out = {}
dls = AdaDataLoaders.from_task('cola', bb, train_n=2000, valid_n=500, bs=32, seed=0).cached(bb)
for name, cfg in [('adalayers', {}), ('single3', dict(layer=3))]:
    set_seed(0); l = ada_learner(dls, bb, cfg)
    with l.no_bar(), l.no_logging(): l.fit_one_cycle(2, 1e-3)
    out[name] = [[float(v) for v in r] for r in l.recorder.values]
tdls = AdaDataLoaders.from_task('conll2003', bb, train_n=500, valid_n=300, bs=32, seed=0).cached(bb)
set_seed(0); l = ada_learner(tdls, bb, dict(k=64, crf=True))
with l.no_bar(), l.no_logging(): l.fit_one_cycle(1, 2e-3)
out['conll_crf'] = [[float(v) for v in r] for r in l.recorder.values]
print(json.dumps(out))
