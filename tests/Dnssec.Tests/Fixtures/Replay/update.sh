#!/usr/bin/env bash
# Copies Unbound's validator scenarios (val_*) and RFC 5011 scenarios (autotrust_*), from NLnetLabs/unbound testdata/
# at commit 7fb79b0, BSD licence in LICENSE, here unmodified, so that the replay tests run in a clean clone without
# ../shared.
set -euo pipefail
cd "$(dirname "$0")"
source="${1:-../../../../../shared/replay/unbound}"
cp "$source"/val_* "$source"/autotrust_* "$source"/LICENSE .
