"""Issue 33: plain Hyperformer as the paper's text describes it (a hypernetwork per layer) against the released configuration
(`shared='layers'`: one hypernetwork per position shared across layers, fed [task; layer]), in the multi-task benchmark's setting.

    OMP_NUM_THREADS=1 python tools/hyper_study.py [--seeds 0,1]

The tasks, rows, truncation, batches, epochs and learning rate are those of nbs/benchmarks/multitask.ipynb (its `joint` rows;
the learning rate 1e-3 was chosen there on held-out training rows). Each (variant, seed) appends one JSON line to
nbs/benchmarks/hyper_study.jsonl; pairs already there are skipped, so a stopped study resumes. The table is in
nbs/benchmarks/paper_checks.ipynb.
"""
import argparse, json, time, warnings
from pathlib import Path
from fastai.torch_core import set_seed
from adalayers.all import *

TASK_LIST = ['cola', 'sst2', 'rte', 'qnli', 'clinc150', 'snips']
VALID_N, HOLDOUT_N, MAX_LEN, BS, EPOCHS, LR = 300, 300, 128, 32, 2, 1e-3
TRAIN_N = {t: 3000 if t == 'clinc150' else 1000 for t in TASK_LIST}
VARIANTS = {'hyperformer (a hypernetwork per layer)': dict(shared=False), 'hyperformer (released: shared across layers)': dict(shared='layers')}

def splits(t, seed=0):
    "The multi-task benchmark's rows: train and evaluation (QNLI: a seeded half of its validation split trains)"
    if t != 'qnli': return task_subsets(t, TRAIN_N[t], HOLDOUT_N, VALID_N, seed)
    train_part, eval_part = carve_split(load_task_split('qnli', 'validation'), 0.5, seed=42)
    trn = train_part.sample(TRAIN_N[t], random_state=seed)
    return trn, None, eval_part.sample(VALID_N, random_state=seed)

def main():
    p = argparse.ArgumentParser(); p.add_argument('--seeds', default='0,1'); a = p.parse_args()
    out = Path(__file__).parent.parent/'nbs'/'benchmarks'/'hyper_study.jsonl'
    done = {(r['variant'], r['seed']) for r in map(json.loads, out.read_text().splitlines())} if out.exists() else set()
    bb = FrozenBackbone.from_pretrained()
    parts = {t: splits(t) for t in TASK_LIST}
    dls = {t: subset_dls(t, bb, pt[0], pt[2], bs=BS, max_len=MAX_LEN) for t, pt in parts.items()}
    mdls, main_m = MultiTaskDataLoaders(dls), {t: main_metric(d) for t, d in dls.items()}
    for name, opts in VARIANTS.items():
        for seed in map(int, a.seeds.split(',')):
            if (name, seed) in done: continue
            set_seed(seed); learn = hyperformer_learner(mdls, bb, **opts)
            t0 = time.time()
            with learn.no_bar(), learn.no_logging(), warnings.catch_warnings():
                warnings.simplefilter('ignore'); learn.fit_one_cycle(EPOCHS, LR)
            secs = time.time() - t0
            with learn.no_bar(), learn.no_logging(): sc = learn.task_scores()
            scores = {t: float(sc.loc[t, main_m[t]]) for t in TASK_LIST}
            n = sum(q.numel() for q in learn.model.trained_parameters().values())
            row = dict(variant=name, seed=seed, options=opts, scores=scores, average=sum(scores.values()) / len(scores),
                       params_per_task=n / len(TASK_LIST), train_seconds=round(secs, 1), lr=LR, epochs=EPOCHS)
            with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
            print(name, seed, {t: round(v, 3) for t, v in scores.items()}, round(secs), flush=True)

if __name__ == '__main__': main()
