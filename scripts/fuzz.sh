#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ (not part of CI).
#
# Usage: scripts/fuzz.sh [TARGET] [-- LIBFUZZER-ARGS...]
#
#   TARGET          one of: sealed_record theme_toml section_arg store_file
#                   (default: each of them in turn)
#   FUZZ_SECONDS    seconds to fuzz each target (default: 60)
#
# Examples:
#   scripts/fuzz.sh                          # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh store_file
#   scripts/fuzz.sh section_arg -- -jobs=4 -workers=4
#
# Installs cargo-fuzz if it is missing. cargo-fuzz passes nightly-only flags to rustc (the
# sanitizer and coverage instrumentation); RUSTC_BOOTSTRAP=1 lets the stable toolchain accept
# them. Corpora grow in fuzz/corpus/TARGET and crashing inputs land in fuzz/artifacts/TARGET
# (both ignored by git); reproduce one with `cargo fuzz run TARGET fuzz/artifacts/TARGET/FILE`
# (with RUSTC_BOOTSTRAP=1 set). Set CARGO_TARGET_DIR to build somewhere other than
# fuzz/target. Exits non-zero as soon as a target finds a crash.
set -euo pipefail

cd "$(dirname "$0")/.."

all_targets=(sealed_record theme_toml section_arg store_file)
seconds="${FUZZ_SECONDS:-60}"

targets=()
if (($# > 0)) && [[ "$1" != "--" ]]; then
  for t in "${all_targets[@]}"; do
    [[ "$1" == "$t" ]] && targets=("$1")
  done
  if ((${#targets[@]} == 0)); then
    echo "unknown fuzz target '$1': expected one of ${all_targets[*]}" >&2
    exit 2
  fi
  shift
else
  targets=("${all_targets[@]}")
fi
[[ "${1:-}" == "--" ]] && shift
extra=("$@")

if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "FUZZ_SECONDS must be a positive whole number of seconds, not '$seconds'" >&2
  exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed; installing it" >&2
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1

# Starting points, so the first seconds are not spent rediscovering the input formats.
seed() {
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  if [[ -z "$(ls -A "$dir")" ]]; then
    local i=0
    for input in "$@"; do
      printf '%s' "$input" >"$dir/seed-$i"
      i=$((i + 1))
    done
  fi
}
seed section_arg \
  "Query=help with rent arrears" \
  "Health:special:health=diagnosed: see letter = attached" \
  "Outcome : confidential =referred" \
  "special:religion" "C-000123" "N-000045" "c-7" "=" ":="
seed theme_toml \
  "$(printf 'name = "x"\n[styles]\nbase = { fg = "red", bg = "#102030", modifiers = ["bold"] }\n')"
seed sealed_record
seed store_file

for target in "${targets[@]}"; do
  corpora=("fuzz/corpus/$target")
  [[ "$target" == theme_toml ]] && corpora+=(themes)
  echo "=== fuzzing $target for ${seconds}s ===" >&2
  cargo fuzz run "$target" "${corpora[@]}" -- -max_total_time="$seconds" "${extra[@]}"
done
