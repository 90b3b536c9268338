"""Write README.md from nbs/index.ipynb (nbdev's own `nbdev-readme` needs Quarto, which is not installed here).

Markdown cells are copied; code cells are shown as Python unless flagged `#| hide`; `#| echo: false` shows only
the output. Outputs: text/markdown is inserted as is, text/plain in a code block. Run from the project root."""
import json, re
from pathlib import Path

def _src(cell): return ''.join(cell['source'])

def _flags(src): return {m.group(1).strip() for m in re.finditer(r'^#\|\s*(.+)$', src, re.M)}

def _code(src): return '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()

def _outputs(cell):
    res = []
    for o in cell.get('outputs', []):
        data = o.get('data', {})
        if 'text/markdown' in data: res.append(''.join(data['text/markdown']).strip())
        elif o.get('output_type') == 'stream': res.append('```\n' + ''.join(o['text']).rstrip() + '\n```')
        elif 'text/plain' in data: res.append('```\n' + ''.join(data['text/plain']).rstrip() + '\n```')
    return res

def make_readme(nb='nbs/index.ipynb', dest='README.md'):
    cells, parts = json.loads(Path(nb).read_text())['cells'], []
    for c in cells:
        src = _src(c)
        if c['cell_type'] == 'markdown': parts.append(src.strip()); continue
        flags = _flags(src)
        if 'hide' in flags or 'exporti' in flags: continue
        if 'echo: false' not in flags and _code(src): parts.append('```python\n' + _code(src) + '\n```')
        parts += _outputs(c)
    text = '<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->\n\n'
    Path(dest).write_text(text + '\n\n'.join(p for p in parts if p) + '\n')

if __name__ == '__main__': make_readme()
