#!/usr/bin/env bash
# Regenerate the plan.json / state.json committed beside the test fixtures,
# with real Terraform through ../shared/tools/tfplan (offline, stand-in AWS
# provider with the real schemas). Tests never run this: run it by hand when
# a fixture's configuration changes.
#
#   testdata/regen-plans.sh [CASE_DIR ...]     (default: every case)
#
# testdata/spec/<case>/: plan.json and state.json of the configuration, unless
#   the case has a NO_PLAN file saying why it cannot be planned; a plan.tfvars
#   in the case is passed as -var-file.
# testdata/plans/<case>/: before/ is applied first; the case's configuration
#   is then planned against that state (an update, a replacement), with the
#   extra arguments in tfplan.args (e.g. -destroy).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tfplan=${TFPLAN:-$here/../../shared/tools/tfplan/tfplan}
run_case() {
  local dir=$1 work=$2
  if [[ -d $dir/before ]]; then
    "$tfplan" "$dir/before" "$work/.before" --apply || return 1
    cp "$work/.before/terraform.tfstate" "$work/terraform.tfstate"
    rm -rf "$work/.before"
    "$tfplan" "$work" "$work/.out" -- "${args[@]}" || return 1
  else
    "$tfplan" "$work" "$work/.out" --apply -- "${args[@]}" || return 1
    cp "$work/.out/state.json" "$dir/state.json"
  fi
  cp "$work/.out/plan.json" "$dir/plan.json"
  echo "done $(basename "$dir")"
}

failed=()
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=("$here"/spec/*/ "$here"/plans/*/)
for dir in "${cases[@]}"; do
  dir=${dir%/}
  [[ -f $dir/NO_PLAN ]] && { echo "skip $(basename "$dir"): $(cat "$dir/NO_PLAN")"; continue; }
  work=$(mktemp -d)
  cp -r "$dir"/. "$work"/
  rm -rf "$work"/before "$work"/plan.json "$work"/state.json "$work"/expected* "$work"/tfplan.args
  args=()
  [[ -f $dir/plan.tfvars ]] && args+=(-var-file=plan.tfvars)
  [[ -f $dir/tfplan.args ]] && read -r -a more < "$dir/tfplan.args" && args+=("${more[@]}")
  if ! run_case "$dir" "$work"; then
    failed+=("$(basename "$dir")")
  fi
  rm -rf "$work"
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
