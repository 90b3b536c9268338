#!/usr/bin/env bash
# On the device machine (see tools/gpu_prepare.sh): the cuda-flagged test cells of the library notebooks, then the speed benchmark.
# Everything it writes that matters lands in $OUT: the log and speed_cuda.json.
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD ADALAYERS_DATA=$PWD/.gpu/data ADALAYERS_TOKENIZER=$PWD/.gpu/tokenizer HF_HUB_OFFLINE=1 PYTHONUNBUFFERED=1 MPLBACKEND=Agg
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total --format=csv | tee "$OUT/log"
python3 tools/run_cells.py --flags "cuda" nbs/02_aggregator.ipynb nbs/05b_cache.ipynb nbs/08_learner.ipynb nbs/14_multitask.ipynb nbs/15_analysis.ipynb 2>&1 | tee -a "$OUT/log" | grep -a -E '^(---|FAILED)|Error'
echo "tests exit: ${PIPESTATUS[0]}" | tee -a "$OUT/log"
python3 tools/run_cells.py nbs/benchmarks/speed.ipynb 2 3 4 2>&1 | tee -a "$OUT/log" | grep -a -E '^---|Error|FAILED'
cp nbs/benchmarks/speed_cuda.json "$OUT/" && python3 -c "import json; [print(r) for r in json.load(open('$OUT/speed_cuda.json'))['rows']]"
