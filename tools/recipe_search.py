"""Recipe search for issue 10: AdaLayers against single hidden states on a validation split carved from a task's
training data (never its evaluation split). Hidden states are cached once; each run prints one JSON line.

    python tools/recipe_search.py TASK BACKBONE RUNS
    e.g. python tools/recipe_search.py cola all-mpnet-base-v2 default,single
TASK: a key of adalayers.data.TASKS (sequence tasks); BACKBONE: 'minilm' (the bundled one) or a name/path;
RUNS: comma-separated groups below (default, single, lr, alpha, k, epochs, dropout, batch3)."""
import sys, time, json, numpy as np, torch
from adalayers.all import *
from adalayers.data import load_task_split

task = sys.argv[1] if len(sys.argv) > 1 else 'cola'
bbname = sys.argv[2] if len(sys.argv) > 2 else 'all-mpnet-base-v2'
runs = sys.argv[3].split(',') if len(sys.argv) > 3 else ['default', 'single']
bb = FrozenBackbone.from_pretrained(None if bbname == 'minilm' else bbname)
df = load_task_split(task, 'train')
if len(df) > 10000: df = df.sample(10000, random_state=0).reset_index(drop=True)
df['is_valid'] = np.random.default_rng(0).random(len(df)) < 0.15 # 15% of the training split validates
spec = TASKS[task]
dls = AdaDataLoaders.from_df(df, bb, text_col=spec.text_cols, label_col=spec.label_col, label_names=spec.label_names,
                             valid_col='is_valid', bs=32, max_len=128, task_name=task)
t = time.time(); dls = dls.cached(bb, True); print(f'cache {time.time()-t:.0f}s', flush=True)

def run(name, config=None, epochs=5, lr=1e-3, seed=0, **kw):
    set_seed(seed); dls.train.rng.seed(seed)
    learn = ada_learner(dls, bb, config=config, **kw)
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(epochs, lr)
    vals = dict(zip(learn.recorder.metric_names[1:], learn.recorder.values[-1]))
    w = learn.model.head.aggregator.weights().detach().numpy().round(3).tolist()
    print(json.dumps(dict(name=name, epochs=epochs, lr=lr, seed=seed, **{k: round(float(v), 4) for k, v in vals.items()}, weights=w)), flush=True)

if 'default' in runs: run('adalayers default')
if 'single' in runs:
    for l in range(bb.n_layers + 1): run(f'layer {l}', dict(layer=l))
if 'lr' in runs:
    for lr in (3e-4, 3e-3): run(f'adalayers lr {lr}', lr=lr)
if 'alpha' in runs:
    for a in (1.0, 3.0, 30.0): run(f'adalayers alpha {a}', dict(alpha=a))
if 'k' in runs:
    for k in (64, 128): run(f'adalayers k {k}', dict(k=k))
if 'epochs' in runs: run('adalayers 10 epochs', epochs=10)
if 'dropout' in runs: run('adalayers dropout 0.3', dict(dropout=0.3, head_dropout=0.3))
if 'batch3' in runs:
    for s in (0, 1, 2):
        for l in (6, 7): run(f'layer {l} seed {s}', dict(layer=l), seed=s)
        run(f'adalayers k128 lr3e-4 seed {s}', dict(k=128), lr=3e-4, seed=s)
        run(f'adalayers default seed {s}', seed=s)
if 'layer_dropout' in runs:
    for s in (0, 1, 2):
        for q in (0.1, 0.3): run(f'adalayers layer_dropout {q} seed {s}', dict(layer_dropout=q), seed=s)
