"""Recipe search for issue 10: AdaLayers against single hidden states on a validation split carved from a task's
training data (never its evaluation split). Hidden states are cached once; each run prints one JSON line.

    python tools/recipe_search.py TASK BACKBONE RUNS [N]
    e.g. python tools/recipe_search.py cola all-mpnet-base-v2 default,single
TASK: a key of adalayers.data.TASKS (sequence tasks); BACKBONE: 'minilm' (the bundled one) or a name/path;
RUNS: comma-separated groups below (probe, default, epochs3, single, lr, alpha, k, epochs, dropout, batch3)."""
import sys, time, json, numpy as np, torch
from adalayers.all import *
from adalayers.data import load_task_split, TaskSpec

task = sys.argv[1] if len(sys.argv) > 1 else 'cola'
bbname = sys.argv[2] if len(sys.argv) > 2 else 'all-mpnet-base-v2'
runs = sys.argv[3].split(',') if len(sys.argv) > 3 else ['default', 'single']
bb = FrozenBackbone.from_pretrained(None if bbname == 'minilm' else bbname)
EXTRA = dict(clinc150=(['text'], 'label'), snips=(['text'], 'label')) # intent tasks read straight from ADALAYERS_DATA
if task in EXTRA:
    import os, json as _j, pyarrow.parquet as pq
    t = pq.read_table(f"{os.environ['ADALAYERS_DATA']}/{task}/train.parquet")
    df, names = t.to_pandas(), _j.loads(t.schema.metadata[b'label_names'])
    spec = TaskSpec(EXTRA[task][0], EXTRA[task][1], names, 'train', 'validation', None)
else: df, spec = load_task_split(task, 'train'), TASKS[task]
n_max = int(sys.argv[4]) if len(sys.argv) > 4 else 10000 # optional 4th argument: a fixed subset of the training split
if len(df) > n_max: df = df.sample(n_max, random_state=0).reset_index(drop=True)
df['is_valid'] = np.random.default_rng(0).random(len(df)) < 0.15 # 15% of the training split validates
dls = AdaDataLoaders.from_df(df, bb, text_col=spec.text_cols, label_col=spec.label_col, label_names=spec.label_names,
                             valid_col='is_valid', bs=32, max_len=min(spec.max_len, 256), task_name=task)
t = time.time(); dls = dls.cached(bb, True); print(f'cache {time.time()-t:.0f}s', flush=True)

def run(name, config=None, epochs=5, lr=1e-3, seed=0, **kw):
    set_seed(seed); dls.train.rng.seed(seed)
    learn = ada_learner(dls, bb, config=config, **kw)
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(epochs, lr)
    vals = dict(zip(learn.recorder.metric_names[1:], learn.recorder.values[-1]))
    w = learn.model.head.aggregator.weights().detach().numpy().round(3).tolist()
    print(json.dumps(dict(name=name, epochs=epochs, lr=lr, seed=seed, **{k: round(float(v), 4) for k, v in vals.items()}, weights=w)), flush=True)

if 'probe' in runs:
    t = time.time(); r = probe_scores(bb, dls, states=[0, bb.n_layers//2, bb.n_layers])
    print(json.dumps(dict(name='probes (sklearn LR, mean-pooled)', secs=round(time.time()-t), rows=r.to_dict('records'))), flush=True)
if 'default' in runs: run('adalayers default')
if 'head' in runs:
    run('adalayers no attention', dict(attention=False))
    run('adalayers no attention lr 3e-3', dict(attention=False), lr=3e-3)
    run('adalayers lr 3e-3', lr=3e-3)
if 'wd' in runs:
    for wd in (0.1, 0.3): run(f'adalayers wd {wd}', wd=wd)
if 'epochs3' in runs: run('adalayers 3 epochs', epochs=3)
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
if 'epochs10' in runs: run('adalayers 10 epochs', epochs=10)
if 'batch3' in runs:
    for s in (0, 1, 2):
        for l in (6, 7): run(f'layer {l} seed {s}', dict(layer=l), seed=s)
        run(f'adalayers k128 lr3e-4 seed {s}', dict(k=128), lr=3e-4, seed=s)
        run(f'adalayers default seed {s}', seed=s)
if 'layer_dropout' in runs:
    for s in (0, 1, 2):
        for q in (0.1, 0.3): run(f'adalayers layer_dropout {q} seed {s}', dict(layer_dropout=q), seed=s)
