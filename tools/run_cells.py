"""Run some code cells of a notebook, in order, in one namespace, with whatever `adalayers` is importable (set PYTHONPATH to run an
older checkout): `python tools/run_cells.py NOTEBOOK CELL [CELL ...]` (cell numbers from 0, markdown cells included).
`#|` directives are skipped; nothing is written back to the notebook."""
import json, sys
from pathlib import Path
nb, cells = Path(sys.argv[1]), [int(c) for c in sys.argv[2:]]
src = json.loads(nb.read_text())['cells']
ns = dict(__name__='__main__')
for i in cells:
    if src[i]['cell_type'] != 'code': raise SystemExit(f'cell {i} of {nb} is not a code cell')
    code = ''.join(l for l in src[i]['source'] if not l.startswith('#|'))
    print(f'--- cell {i}', flush=True)
    exec(compile(code, f'{nb}[{i}]', 'exec'), ns)
