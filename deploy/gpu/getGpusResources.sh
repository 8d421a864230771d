#!/usr/bin/env bash
# Spark resource discovery script for NVIDIA GPUs (spark.executor.resource.gpu.discoveryScript, and on
# standalone workers spark.worker.resource.gpu.discoveryScript). Spark runs it when an executor or worker
# starts and reads one JSON object from stdout: the GPUs this process may use, by nvidia-smi index, e.g.
#   {"name": "gpu", "addresses": ["0", "1"]}
# In a container, nvidia-smi lists only the GPUs the device plugin gave the pod.
set -euo pipefail

if ! command -v nvidia-smi > /dev/null 2>&1; then
  echo "getGpusResources.sh: nvidia-smi not found; is the NVIDIA driver installed (or the container runtime's GPU support on)?" >&2
  exit 1
fi

addresses=""
while IFS= read -r index; do
  index="${index//[[:space:]]/}"
  [[ -z "$index" ]] && continue
  addresses+="${addresses:+, }\"$index\""
done < <(nvidia-smi --query-gpu=index --format=csv,noheader)

echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
