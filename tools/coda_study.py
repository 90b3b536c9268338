"""Issue 33: CoDA against the parallel adapter, and the adapters' heads and sizes against their reference code, one variant and seed at a time, resumable.

    OMP_NUM_THREADS=1 python tools/coda_study.py TASK VARIANTS [--seeds 0,1] [--train-n N] [--eval-n N] [--epochs E] [--bs B]
    e.g. OMP_NUM_THREADS=1 python tools/coda_study.py sst2 parallel,soft,hard,before --seeds 0,1,2

Every (variant, seed) trains with `compare_petl` on the same rows of the task's training split (learning rate 1e-3, the
main CoDA benchmark's), is scored on `holdout_n` other training rows and on `eval_n` rows of the evaluation split, and
appends one JSON line to nbs/benchmarks/coda_study/TASK.jsonl; pairs already there are skipped, so a stopped study
resumes. The tables are in nbs/benchmarks/coda.ipynb.
"""
import argparse, json, time, hashlib
from pathlib import Path
import torch
from adalayers.all import *
import adalayers.coda

PRETRAINED = Path.home()/'.cache'/'adalayers'/'coda_study' # the light-weight phase's result, per phase setting

def pretrained_once(phase):
    "CoDA's light-weight phase run once per setting (objective, steps, texts, rate) and reused: every seed and task starts from the same pretrained routers and adapters, as fine-tuning starts from one pretrained model in the paper"
    def run(model, batches, steps=100, lr=1e-3, n_inp=2, show=True, objective='state'):
        key = hashlib.sha1(json.dumps([objective, steps, lr, model.config.distill_texts, model.backbone.fingerprint]).encode()).hexdigest()[:16]
        f = PRETRAINED/f'{key}.pt'
        params = {n: p for n, p in model.trained_parameters().items() if not n.startswith('head.')}
        if f.exists():
            saved = torch.load(f)
            with torch.no_grad():
                for n, p in params.items(): p.copy_(saved['params'][n])
            model.head_losses = saved['head_losses']
            return saved['losses']
        t0 = time.time()
        losses = phase(model, batches, steps, lr, n_inp, show, objective)
        f.parent.mkdir(parents=True, exist_ok=True)
        torch.save(dict(params={n: p.detach().clone() for n, p in params.items()}, losses=losses, head_losses=getattr(model, 'head_losses', None),
                        seconds=time.time() - t0), f)
        print(f'light-weight phase ({objective}, {steps} steps): {time.time() - t0:.0f} s, loss {losses[0]:.3f} -> {losses[-1]:.3f}', flush=True)
        record_phase(f, dict(objective=objective, steps=steps, lr=lr, texts=model.config.distill_texts, batch_size=batches.bs if hasattr(batches, 'bs') else None))
        return losses
    return run
def record_phase(f, setting:dict):
    "Add one phase's losses and time to coda_study/light_phase.json, the notebook's record of it"
    out = Path(__file__).parent.parent/'nbs'/'benchmarks'/'coda_study'/'light_phase.json'
    d, saved = json.loads(out.read_text()) if out.exists() else {}, torch.load(f)
    d[f.stem] = dict(setting, seconds=round(saved['seconds'], 1), losses=[round(x, 4) for x in saved['losses']],
                     head_losses=[round(x, 4) for x in saved['head_losses']] if saved['head_losses'] else None)
    out.write_text(json.dumps(d, indent=1))

adalayers.coda.distill_coda = pretrained_once(adalayers.coda.distill_coda)

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
    # CoDA's light-weight phase on unlabelled text (IMDB's training reviews, 128 tokens, a batch of the task's size per step) before the
    # first fit, run once per setting and reused by every seed and task (`pretrained_once`)
    'soft mlm': ('coda', dict(reduction=3, distill_steps=200, distill_objective='mlm', distill_texts='imdb')), # 200 steps fit an MLM head on the dense model, 200 train CoDA through it
    'soft state imdb': ('coda', dict(reduction=3, distill_steps=400, distill_texts='imdb')), # as many steps, the dense last state as the target
    # Xie et al.'s method on CoLA, where nu chooses state 3 of MiniLM's 6 layers (layer_analysis.json, computed on CoLA's training split)
    'houlsby head 3': ('houlsby', dict(head_layer=3)), # the backbone cut after layer 3, the classifier there, layers 1-3 adapted
    'houlsby head 3 tune 1': ('houlsby', dict(head_layer=3, tune_layers=1)), # only layer 3 adapted
    'full': ('full', {}),
    'full head 3': ('full', dict(head_layer=3)),
    # ... and on CoNLL-2003, where nu also chooses state 3 (CoLA's adapters learn nothing at this budget: MCC 0.0 for every Houlsby row)
    'parallel head 3': ('parallel', dict(head_layer=3)),
    'parallel head 3 tune 1': ('parallel', dict(head_layer=3, tune_layers=1)),
    'full chosen': ('full', {}), # full fine-tuning at a rate chosen on held-out training rows
    'full head 3 chosen': ('full', dict(head_layer=3)),
}
LRS = {'soft lr3e-3': 3e-3, 'full': 5e-5, 'full head 3': 5e-5, 'full chosen': (5e-5, 2e-4), 'full head 3 chosen': (5e-5, 2e-4)}

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
            row = dict(variant=name, seed=seed, train_n=train_n, holdout_n=a.holdout_n, eval_n=eval_n, epochs=a.epochs, bs=bs, **r['rows'][0], wall_s=round(time.time() - t0, 1))
            with open(out, 'a') as f: f.write(json.dumps(row) + '\n')
            print(name, seed, row.get('accuracy', row.get('entity_f1', row.get('matthews_corrcoef'))), row['wall_s'], flush=True)

if __name__ == '__main__': main()
