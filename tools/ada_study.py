"""Issue 30: AdaLayers variants against single hidden states, chosen on a split carved from the training data.

    OMP_NUM_THREADS=1 python tools/ada_study.py TASK BACKBONE VARIANTS [--seeds 0,1] [--train-n N] [--holdout-n N] [--lr LR] [--out FILE]
    e.g. OMP_NUM_THREADS=1 python tools/ada_study.py sst2 minilm default,alpha64,singles --seeds 0,1

Hidden states are cached once. Each run trains on `train_n` rows of the task's training split, is scored on `holdout_n`
other rows of it (the carved split, where choices are made) and, for reference only, on the task's evaluation split.
Every run appends one JSON line to FILE (default nbs/benchmarks/ada_study/TASK_BACKBONE.jsonl); runs already there
are skipped, so a stopped study resumes. VARIANTS: names of `VARIANTS` below, `layer N` (state N alone; `layer N 10ep`: for
10 epochs), or `singles` (every hidden state alone). The tables and findings are in nbs/benchmarks/ada_recipes.ipynb.
"""
import argparse, contextlib, io, json, math, os, time
from pathlib import Path
import numpy as np, torch
from adalayers.all import *
from fastai.callback.core import Callback

# name -> (head options, training options); training: epochs, lr, bs, wd, plateau (max epochs with the plateau schedule)
REFERENCE_SEQ = dict(k=64, alpha=64.0, n_heads=8, state_dropout=0.3, final_gelu=True, pos_enc=True, dropout=0.3, head_dropout=0.3, cutoff=0.01)
VARIANTS = {
    'default': ({}, {}),
    'alpha64': (dict(alpha=64.0), {}),
    'alpha256': (dict(alpha=256.0), {}),
    'alpha3': (dict(alpha=3.0), {}),
    'state_dropout': (dict(state_dropout=0.3), {}),
    'state_dropout_a64': (dict(state_dropout=0.3, alpha=64.0), {}),
    'final_gelu': (dict(final_gelu=True), {}),
    'k64': (dict(k=64), {}),
    'k128': (dict(k=128), {}),
    'heads16': (dict(n_heads=16), {}),
    'dropout3': (dict(dropout=0.3, head_dropout=0.3), {}),
    'pos_enc': (dict(pos_enc=True), {}),
    'no_attention': (dict(attention=False), {}),
    'mix_states': (dict(mix='states'), {}),
    'mix_states_a64': (dict(mix='states', alpha=64.0), {}),
    'mix_states_sd': (dict(mix='states', state_dropout=0.3), {}),
    'reference': (REFERENCE_SEQ, {}),
    'reference_no_sd': (dict(REFERENCE_SEQ, state_dropout=0.0), {}),
    'reference_k256': (dict(REFERENCE_SEQ, k=256), {}),
    'reference_long': (REFERENCE_SEQ, dict(plateau=40, lr=1e-4, bs=128)),
    'default_long': ({}, dict(plateau=40, lr=1e-4, bs=128)),
    'default_lr3e-3': ({}, dict(lr=3e-3)),
    'default_10ep': ({}, dict(epochs=10)),
    'alpha64_10ep': (dict(alpha=64.0), dict(epochs=10)),
    'uniform': (dict(alpha=1e-3), {}), # the weights cannot move: does the choice matter?
    'alpha64_entropy': (dict(alpha=64.0), dict(entropy_lambda=0.05)),
    'alpha256_10ep': (dict(alpha=256.0), dict(epochs=10)),
    'k64_a64': (dict(k=64, alpha=64.0), {}),
    'wd0.1': ({}, dict(wd=0.1)),
    'alpha64_20ep': (dict(alpha=64.0), dict(epochs=20)),
    'default_20ep': ({}, dict(epochs=20)),
    'probe_prior': ({}, dict(prior=0.01)), # initial logits from linear probes on the training rows: weights ~ exp(score / 0.01)
    'probe_prior_sharp': ({}, dict(prior=0.003)),
    'probe_prior_sd': (dict(state_dropout=0.3), dict(prior=0.01)),
    'heldout_mixing': ({}, dict(mixing_split=0.2)), # the layer logits learn from 20% of the training rows, the rest of the head from the other 80%
    'heldout_mixing_a64': (dict(alpha=64.0), dict(mixing_split=0.2)),
    'heldout_mixing_a64_sd': (dict(alpha=64.0, state_dropout=0.3), dict(mixing_split=0.2)),
    'token_head_ref': (dict(head_layers=1, head_ff=2048, head_norm=False, head_out_dropout=0.2), {}), # the reference code's token head alone
    'reference_token': (dict(k=128, alpha=128.0, n_heads=8, cutoff=0.01, pos_enc=True, final_gelu=True, state_dropout=0.2, dropout=0.2, head_dropout=0.2,
                             head_layers=1, head_ff=2048, head_norm=False, head_out_dropout=0.2), {}), # REFERENCE_OPTIONS['conll2003']
    'state_dropout_02': (dict(state_dropout=0.2), {}),
    'only_345': ({}, dict(only=[3, 4, 5])), # the mixture of the three best states by single-layer score on the carved split (MiniLM SST-2)
    'only_34': ({}, dict(only=[3, 4])),
    'only_345_a64': (dict(alpha=64.0), dict(only=[3, 4, 5])),
    'default_80pct': ({}, dict(train_frac=0.8)), # the default on the same 80% of the training rows: what the smaller training set alone costs
}

ap = argparse.ArgumentParser()
ap.add_argument('task'); ap.add_argument('backbone'); ap.add_argument('variants')
ap.add_argument('--seeds', default='0,1'); ap.add_argument('--train-n', type=int); ap.add_argument('--holdout-n', type=int)
ap.add_argument('--out'); ap.add_argument('--max-len', type=int); ap.add_argument('--lr', type=float, default=1e-3)
a = a_ = ap.parse_args()
bb = FrozenBackbone.from_pretrained(None if a.backbone == 'minilm' else a.backbone)
n_train = len(load_task_split(a.task, TASKS[a.task].train_split))
hold_n = a.holdout_n or min(1500, n_train // 6)
train_n = a.train_n or n_train - hold_n
out = Path(a.out or f'nbs/benchmarks/ada_study/{a.task}_{a.backbone}.jsonl'); out.parent.mkdir(parents=True, exist_ok=True)
done = {(r['name'], r['seed']) for r in map(json.loads, out.read_text().splitlines())} if out.exists() else set()
names = [n for v in a.variants.split(',') for n in ([f'layer {i}' for i in range(bb.n_layers + 1)] if v == 'singles' else
                                                    [f'layer {i} {v[8:]}' for i in range(bb.n_layers + 1)] if v.startswith('singles_') else [v])]
seeds = [int(s) for s in a.seeds.split(',')]
todo = [(n, s) for n in names for s in seeds if (n, s) not in done]
if not todo: print('nothing to do'); raise SystemExit
train, hold, ev = task_subsets(a.task, train_n, hold_n)
kw = dict(max_len=a.max_len) if a.max_len else {}
t = time.time()
cdls = subset_dls(a.task, bb, train, hold, **kw).cached(bb)
edl = subset_dls(a.task, bb, train.iloc[:64], ev, **kw).cached(bb).valid
print(f'{a.task}: {len(train)} train, {len(hold)} holdout, {len(ev)} evaluation; states cached in {time.time()-t:.0f} s', flush=True)
m = main_metric(cdls)

class PGradStats(Callback):
    "Record the layer logits' gradient and learning rate at every step: how far Adam can move them, and how consistent their gradient is"
    order = 100
    def before_fit(self): self.g, self.lrs, self.agg = [], [], self.learn.model.head.aggregator; self.p0 = self.agg.p.detach().clone() if self.agg.p is not None else None
    def after_backward(self):
        if self.training and self.agg.p is not None and self.agg.p.grad is not None: self.g.append(self.agg.p.grad.detach().clone()); self.lrs.append(self.opt.hypers[-1]['lr'])
    def summary(self):
        if not self.g: return {}
        g = torch.stack(self.g); snr = (g.mean(0).abs() / g.std(0).clamp_min(1e-12))
        a = self.agg.alpha
        return dict(grad_snr=[round(float(x), 3) for x in snr], logit_spread=round(float(a * (self.agg.p.detach().max() - self.agg.p.detach().min())), 3),
                    logit_travel=round(float(a * (self.agg.p.detach() - self.p0).abs().max()), 3), max_travel=round(float(a * sum(self.lrs)), 3))

_scores = {}
def probe_prior(temperature):
    "Initial logits alpha*p = (score - best score) / temperature, the scores of a logistic-regression probe per state: trained on 80% of the training rows, scored on the other 20%"
    if not _scores:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
        from adalayers.analysis import collect_features, _probe_metrics
        x, y = collect_features(bb, cdls, 0); y = y.numpy()
        idx = np.random.default_rng(0).permutation(len(y)); cut = int(0.8 * len(y)); tr_, va = idx[:cut], idx[cut:]
        for l in range(x.shape[1]):
            a, v = x[tr_, l].float().numpy(), x[va, l].float().numpy()
            sc = StandardScaler().fit(a)
            pred = LogisticRegression(max_iter=1000).fit(sc.transform(a), y[tr_]).predict(sc.transform(v))
            _scores[l] = _probe_metrics(pred, y[va], m)[m]
        print('probe scores on 20% of the training rows:', [round(v, 3) for v in _scores.values()], flush=True)
    s = np.array([_scores[l] for l in range(len(_scores))])
    return (s - s.max()) / temperature

class HeldOutMixing(Callback):
    "Train the AdaLayers layer logits on batches of other rows than the rest of the head trains on (first-order DARTS), with their own Adam"
    order = 55
    def __init__(self, dl, lr): self.dl, self.lr = dl, lr
    def before_fit(self):
        self.ps = [self.learn.model.head.aggregator.p]
        self.opt_p, self.it = torch.optim.Adam(self.ps, lr=self.lr), None
    def before_step(self):
        for p in self.ps: p.grad = None # the training rows' loss does not move the logits
    def after_step(self):
        try: b = next(self.it)
        except (StopIteration, TypeError): self.it = iter(self.dl); b = next(self.it)
        n = self.learn.dls.n_inp
        loss = self.learn.loss_func(self.learn.model(*b[:n]), *b[n:])
        g = torch.autograd.grad(loss, self.ps)
        for p, gi in zip(self.ps, g): p.grad = gi
        self.opt_p.param_groups[0]['lr'] = self.opt.hypers[-1]['lr'] # the same schedule as the head
        self.opt_p.step(); self.opt_p.zero_grad(set_to_none=True)

_splits = {}
def split_loaders(frac):
    "Cached loaders training on the first (1-frac) of the training rows (validating on the carved split) and a shuffled loader of the other frac"
    if frac not in _splits:
        cut = int(len(train) * (1 - frac))
        a = subset_dls(a_.task, bb, train.iloc[:cut], hold, **kw).cached(bb)
        b = subset_dls(a_.task, bb, train.iloc[cut:], hold.iloc[:64], **kw).cached(bb).train
        _splits[frac] = (a, b)
    return _splits[frac]

def entropy(w): w = np.asarray(w, dtype=float); w = w[w > 0]; return float(-(w * np.log(w)).sum())

def run(name, seed):
    if name.startswith('layer '): # 'layer 3', or 'layer 3 10ep': that state alone, for 10 epochs
        parts = name.split()
        opts, tr = dict(layer=int(parts[1])), (dict(epochs=int(parts[2][:-2])) if len(parts) > 2 else {})
    else: opts, tr = VARIANTS[name]
    epochs, lr, bs = tr.get('epochs', 5), tr.get('lr', a.lr), tr.get('bs', 32)
    set_seed(seed)
    base, extra_cbs = cdls, []
    if 'mixing_split' in tr:
        base, mix_dl = split_loaders(tr['mixing_split'])
        extra_cbs = [HeldOutMixing(mix_dl, lr)]
    if 'train_frac' in tr: base = split_loaders(1 - tr['train_frac'])[0]
    dls = base if bs == base.train.bs else base.with_loaders(base.train.new(bs=bs), base.valid)
    dls.train.rng.seed(seed) if hasattr(dls.train, 'rng') else None
    stats = PGradStats()
    p_init = None
    if 'prior' in tr: p_init = (probe_prior(tr['prior']) / opts.get('alpha', 10.0)).tolist()
    if 'only' in tr: p_init = [0.0 if i in tr['only'] else -30.0 / opts.get('alpha', 10.0) for i in range(bb.n_layers + 1)] # the others start at weight ~e^-30 and get no gradient to come back
    learn = ada_learner(dls, bb, config=opts, cbs=[stats] + extra_cbs, p_init=p_init, **({'entropy_lambda': tr['entropy_lambda']} if 'entropy_lambda' in tr else {}),
                        **({'wd': tr['wd']} if 'wd' in tr else {}))
    start = time.time()
    with learn.no_bar(), learn.no_logging(), contextlib.redirect_stdout(io.StringIO()):
        if 'plateau' in tr: learn.fit_plateau(tr['plateau'], lr)
        else: learn.fit_one_cycle(epochs, lr)
    secs = time.time() - start
    grad_stats = stats.summary() # before `validate`, which runs `before_fit` again
    names_ = learn.recorder.metric_names[1:-1]
    vals = [dict(zip(names_, v)) for v in learn.recorder.values]
    with learn.no_bar(): hold_score, ev_res = float(learn.validate()[1 + [mm.name for mm in learn.metrics].index(m)]), learn.validate(dl=edl)
    ev_score = float(ev_res[1 + [mm.name for mm in learn.metrics].index(m)])
    w = learn.layer_weights.weights.tolist() if opts.get('layer') is None else None
    h = learn.layer_weights.hist
    steps = len(h)
    ent_hist = [round(entropy(h[i].tolist()), 4) for i in np.linspace(0, steps - 1, min(steps, 20)).astype(int)] if w else None
    r = dict(name=name, seed=seed, task=a.task, backbone=a.backbone, metric=m, holdout=round(hold_score, 4), evaluation=round(ev_score, 4),
             epochs_run=len(vals), seconds=round(secs, 1), options=opts, training=tr,
             holdout_by_epoch=[round(float(v[m]), 4) for v in vals], train_loss_by_epoch=[round(float(v["train_loss"]), 4) for v in vals],
             weights=[round(x, 4) for x in w] if w else None, initial_logits=p_init, entropy=round(entropy(w), 4) if w else None,
             max_entropy=round(math.log(bb.n_layers + 1), 4), entropy_history=ent_hist, **grad_stats)
    with out.open('a') as f: f.write(json.dumps(r) + '\n')
    print(json.dumps({k: r[k] for k in ('name', 'seed', 'holdout', 'evaluation', 'entropy', 'seconds')}), flush=True)

for n, s in todo: run(n, s)
