"""Issue 33: CoDA against the parallel adapter, and the adapters' heads and sizes against their reference code, one variant and seed at a time, resumable.

    OMP_NUM_THREADS=1 python tools/coda_study.py TASK VARIANTS [--seeds 0,1] [--train-n N] [--eval-n N] [--epochs E] [--bs B]
    e.g. OMP_NUM_THREADS=1 python tools/coda_study.py sst2 parallel,soft,hard,before --seeds 0,1,2

Every (variant, seed) trains with `compare_petl` on the same rows of the task's training split (learning rate 1e-3, the
main CoDA benchmark's), is scored on `holdout_n` other training rows and on `eval_n` rows of the evaluation split, and
appends one JSON line to nbs/benchmarks/coda_study/TASK.jsonl; pairs already there are skipped, so a stopped study
resumes. The tables are in nbs/benchmarks/coda.ipynb.
"""
import argparse, json, time
from pathlib import Path
from adalayers.all import *

VARIANTS = { # name -> (method, options)
    'parallel': ('parallel', {}),
    'soft': ('coda', dict(reduction=3)), # the default now: exact soft top-k, the training mix at inference too
    'hard': ('coda', dict(reduction=3, inference_weights='hard')), # exact soft top-k, weight 1 at inference
    'before': ('coda', dict(reduction=3, inference_weights='hard', iters=20)), # the default before issue 33
    'soft r=2': ('coda', dict(reduction=2)),
    'soft lr3e-3': ('coda', dict(reduction=3)),
    'soft all-keys': ('coda', dict(reduction=3, attention='all')), # routed queries read every token's keys and values
    'soft first': ('coda', dict(reduction=3, pooling='first')), # the head reads the first token instead of the mean over all tokens
    'parallel first': ('parallel', dict(pooling='first')),
    'parallel reference': ('parallel', dict(bottleneck=16, scale=2.0, activation='relu')), # He et al.'s GLUE script's branch
    'houlsby': ('houlsby', {}),
    'houlsby pooler': ('houlsby', dict(pooling='pooler')), # adapter-bert's classifier: the frozen pooler on [CLS]
    'houlsby first': ('houlsby', dict(pooling='first')),
    'houlsby after dropout': ('houlsby', dict(after_dropout=True)), # adapter-bert's order: dense, dropout, adapter
    'parallel after dropout': ('parallel', dict(after_dropout=True)), # He et al.'s order: the branch joins after the block's dropout
    # Xie et al.'s method on CoLA, where nu chooses state 3 of MiniLM's 6 layers (layer_analysis.json, computed on CoLA's training split)
    'houlsby head 3': ('houlsby', dict(head_layer=3)), # the backbone cut after layer 3, the classifier there, layers 1-3 adapted
    'houlsby head 3 tune 1': ('houlsby', dict(head_layer=3, tune_layers=1)), # only layer 3 adapted
    'full': ('full', {}),
    'full head 3': ('full', dict(head_layer=3)),
    # ... and on CoNLL-2003, where nu also chooses state 3 (CoLA's adapters learn nothing at this budget: MCC 0.0 for every Houlsby row)
    'parallel head 3': ('parallel', dict(head_layer=3)),
    'parallel head 3 tune 1': ('parallel', dict(head_layer=3, tune_layers=1)),
}
LRS = {'soft lr3e-3': 3e-3, 'full': 5e-5, 'full head 3': 5e-5}

def main():
    p = argparse.ArgumentParser()
    p.add_argument('task'); p.add_argument('variants')
    p.add_argument('--seeds', default='0,1'); p.add_argument('--train-n', type=int, default=None); p.add_argument('--holdout-n', type=int, default=32)
    p.add_argument('--eval-n', type=int, default=None); p.add_argument('--epochs', type=int, default=2); p.add_argument('--bs', type=int, default=None)
    a = p.parse_args()
    defaults = dict(sst2=(600, None, 32), imdb=(480, 500, 16), cola=(2000, None, 32), conll2003=(2000, 1000, 32))[a.task]
    train_n, eval_n, bs = a.train_n or defaults[0], a.eval_n or defaults[1], a.bs or defaults[2]
    out = Path(__file__).parent.parent/'nbs'/'benchmarks'/'coda_study'/f'{a.task}.jsonl'; out.parent.mkdir(parents=True, exist_ok=True)
    done = {(r['variant'], r['seed'], r['train_n'], r['epochs']) for r in map(json.loads, out.read_text().splitlines())} if out.exists() else set()
    bb = FrozenBackbone.from_pretrained()
    for name in a.variants.split(','):
        for seed in map(int, a.seeds.split(',')):
            if (name, seed, train_n, a.epochs) in done: continue
            t0 = time.time()
            r = compare_petl(a.task, bb, {name: VARIANTS[name]}, train_n=train_n, holdout_n=a.holdout_n, eval_n=eval_n, epochs=a.epochs,
                             seeds=(seed,), lrs={name: LRS.get(name, 1e-3)}, bs=bs)
            row = dict(variant=name, seed=seed, train_n=train_n, eval_n=eval_n, epochs=a.epochs, bs=bs, **r['rows'][0], wall_s=round(time.time() - t0, 1))
            with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
            print(name, seed, row.get('accuracy', row.get('entity_f1', row.get('matthews_corrcoef'))), row['wall_s'], flush=True)

if __name__ == '__main__': main()
