"""Build the documentation site into _docs/ (_docs/index.html is its entry), with no network: nbdev's notebook processing,
rendered by MkDocs with the Material theme. The code and its tests are in nbs/98_docs_site.ipynb (adalayers.docs_site).
Needs the docs extra: pip install -e ".[dev,docs]".

    python tools/build_docs.py                 build the site (only notebooks changed since the last build are reprocessed)
    python tools/build_docs.py --force         reprocess every notebook
    python tools/build_docs.py --check         then check it: every internal link and anchor, a doc entry for every public name
                                               in _modidx, and four pages in headless Chromium (apt-get install -y chromium
                                               chromium-driver); --no-browser skips Chromium, --shots DIR saves screenshots

It writes only _proc/ and _docs/, which git ignores. Serve the site with: python -m http.server -d _docs"""
import os
from pathlib import Path

os.chdir(Path(__file__).resolve().parent.parent) # the project root: nbdev finds pyproject.toml from here
from adalayers.docs_site import build_docs

if __name__ == '__main__': build_docs()
