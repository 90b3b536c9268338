#!/usr/bin/env bash
# Here, before a GPU run: what `tools/gpu_check.sh` needs on the device machine, in ignored folders that `run` carries.
#   .whl/  fastai and its helpers (../shared/tools/gpu-wheels)
#   .gpu/  MiniLM's tokenizer files (no weights: the speed benchmark builds a random-weight encoder of its shape) and CoLA's Parquet files
# Then call the device tool with carry [".whl", ".gpu"] and command `bash tools/gpu_check.sh` (about 5 minutes on an H200).
set -euo pipefail
root=$(git rev-parse --show-toplevel); cd "$root"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
../shared/tools/gpu-wheels >/dev/null
rm -rf .gpu; mkdir -p .gpu/tokenizer .gpu/data/cola
src=$(python -c "from adalayers.core import bundled_backbone_path; print(bundled_backbone_path())")
cp "$src"/{config.json,tokenizer.json,tokenizer_config.json,special_tokens_map.json,vocab.txt} .gpu/tokenizer/
cp "${ADALAYERS_DATA:-../shared/data}"/cola/*.parquet .gpu/data/cola/
cp "${ADALAYERS_DATA:-../shared/data}"/README.md .gpu/data/ 2>/dev/null || true
du -sh .whl .gpu
