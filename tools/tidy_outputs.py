"""Tidy the outputs a notebook run stored (`nbdev-test --save`): keep what a reader should see, drop the rest.

Dropped: console progress-bar frames (fastprogress, tqdm), warnings (they carry the local install's absolute
paths), transformers' 'Loading weights' bars, and outputs left empty by that. Kept: printed results, tables,
plots, `show_doc`. Run it on the notebooks you saved, then `nbdev-clean`:

    python tools/tidy_outputs.py nbs/tutorials/*.ipynb nbs/benchmarks/*.ipynb
"""
import json, re, sys
from pathlib import Path

_BAR = re.compile(r'\|[█#\- ]*\|\s*\d+\.\d+%|^\s*[█]+\s*$|\|[#█ ]+\|\s*\d+/\d+|^\s*Epoch \d+/\d+ :|it/s\]|^█$')
_WARN = re.compile(r'Warning:|warnings\.warn\(|^\s*warn\(|Loading weights')

def tidy_text(text:str, stderr:bool=False) -> str:
    "Each line as its last frame (carriage returns redraw a line), without progress bars and warnings"
    keep = []
    for line in text.split('\n'):
        frames = [f for f in line.split('\r') if f.strip() and not _BAR.search(f)]
        if not frames: continue
        last = frames[-1].rstrip()
        if _WARN.search(last) or (stderr and keep and keep[-1] is None): keep.append(None); continue
        keep.append(last)
    return '\n'.join(l for l in keep if l is not None) + ('\n' if any(l is not None for l in keep) else '')

def tidy_output(o:dict) -> dict|None:
    "The output as a reader should see it, or `None` to drop it"
    if o['output_type'] == 'stream':
        text = tidy_text(''.join(o['text']), o.get('name') == 'stderr')
        return dict(o, text=text.splitlines(keepends=True)) if text.strip() else None
    html = ''.join(o.get('data', {}).get('text/html', ''))
    if '<progress' in html or 'progress-bar' in html: return None
    return o

def tidy_notebook(path:Path) -> int:
    "Tidy every cell's outputs in place; the number of outputs dropped"
    nb, dropped = json.loads(path.read_text()), 0
    for c in nb['cells']:
        if c['cell_type'] != 'code': continue
        outs = [tidy_output(o) for o in c.get('outputs', [])]
        dropped += sum(o is None for o in outs)
        c['outputs'] = [o for o in outs if o is not None]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    left = [p for p in re.findall(r'(?:/work|/home|/root|/Users)/[^\s"\']+', json.dumps([c.get('outputs', []) for c in nb['cells']]))]
    if left: print(f'{path}: outputs still hold local paths, e.g. {left[0]}')
    return dropped

if __name__ == '__main__':
    for p in sys.argv[1:]: print(f'{p}: {tidy_notebook(Path(p))} outputs dropped')
