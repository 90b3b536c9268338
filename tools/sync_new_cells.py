"Insert an empty export cell into a notebook for each `# %% ../nbs/X.ipynb #id` marker of a module that the notebook lacks, so `nbdev-update` can fill it"
import json, re, sys
from pathlib import Path
for py in sys.argv[1:]:
    text = Path(py).read_text()
    marks = re.findall(r'^# %% \.\./(nbs/\S+\.ipynb) #(\w+)$', text, re.M)
    if not marks: continue
    nbp = Path(marks[0][0]); nb = json.loads(nbp.read_text())
    ids = [c.get('id') for c in nb['cells']]
    prev, changed = None, False
    for _, cid in marks:
        if cid not in ids:
            at = ids.index(prev) + 1 if prev in ids else len(ids)
            nb['cells'].insert(at, dict(cell_type='code', execution_count=None, id=cid, metadata={}, outputs=[], source=['#| export\n']))
            ids.insert(at, cid); changed = True; print(f'{nbp}: new export cell {cid} after {prev}')
        prev = cid
    if changed: nbp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
