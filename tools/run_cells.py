"""Run code cells of a notebook in order, in one namespace, with whatever `adalayers` is importable (set PYTHONPATH to run an
older checkout), in the notebook's folder, without nbdev (a machine that lacks it: `show_doc` then prints nothing). Nothing is written back.

    python tools/run_cells.py NOTEBOOK CELL [CELL ...]          the cells numbered CELL (from 0, markdown cells counted)
    python tools/run_cells.py --flags "cuda" NOTEBOOK [...]      every code cell whose test flags are among these, as nbdev-test --flags

Exits with 1 and names the notebook and cell at the first failure."""
import __future__, json, os, re, sys, tomllib, traceback, types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = set(tomllib.loads((ROOT/'pyproject.toml').read_text())['tool']['nbdev']['tst_flags'].split())

def cell_flags(src:str) -> set:
    "The test flags of a cell (`#| slow`, `#| cuda`, ...), and `skip` for cells nbdev-test never runs"
    out = set()
    for line in src.splitlines():
        m = re.match(r'#\|\s*(.+)$', line.strip())
        if not m: continue
        words = m.group(1).split()
        if words[0] in FLAGS: out.add(words[0])
        if words[0] in ('eval:', 'eval') and 'false' in m.group(1).lower(): out.add('skip')
    return out

def stub_nbdev():
    "`from nbdev.showdoc import *` where nbdev is not installed"
    try: import nbdev.showdoc # noqa
    except ImportError:
        nbdev, showdoc = types.ModuleType('nbdev'), types.ModuleType('nbdev.showdoc')
        showdoc.show_doc = lambda *a, **k: None
        showdoc.__all__ = ['show_doc']
        nbdev.showdoc, nbdev.nbdev_export = showdoc, lambda *a, **k: None
        sys.modules.update({'nbdev': nbdev, 'nbdev.showdoc': showdoc})

def run(nb:Path, pick) -> bool:
    "Run the cells `pick(i, src)` chooses, in the notebook's folder (as nbdev-test does); False at the first failure"
    nb = nb.resolve(); cells = json.loads(nb.read_text())['cells']
    here = os.getcwd(); os.chdir(nb.parent)
    try: return _run(nb, cells, pick)
    finally: os.chdir(here)

def _run(nb, cells, pick) -> bool:
    ns, flags = dict(__name__='__main__'), 0
    for i, c in enumerate(cells):
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source'])
        if not pick(i, src): continue
        code = '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('#|', '%', '!')))
        print(f'--- {nb.name} cell {i}', flush=True)
        if 'from __future__ import annotations' in code: flags = __future__.annotations.compiler_flag # kept for later cells, as IPython does
        try: exec(compile(code, f'{nb}[{i}]', 'exec', flags=flags, dont_inherit=True), ns)
        except Exception:
            traceback.print_exc(); print(f'FAILED: {nb} cell {i}', flush=True); return False
    return True

if __name__ == '__main__':
    args = sys.argv[1:]
    stub_nbdev()
    if args and args[0] == '--flags':
        allowed, nbs = set(args[1].split()), [Path(a) for a in args[2:]]
        pick = lambda i, src: not (cell_flags(src) - allowed)
        ok = all([run(nb, pick) for nb in nbs]) # every notebook runs, even after a failure
    else:
        nb, wanted = Path(args[0]), {int(a) for a in args[1:]}
        ok = run(nb, lambda i, src: i in wanted)
    sys.exit(0 if ok else 1)
