#!/usr/bin/env bash
# Plan every fix case's fixed configuration with real Terraform, offline,
# through ../shared/tools/tfplan's stand-in AWS provider (the real
# provider's schemas), and record it: testdata/fix/<case>/plans/*.json and
# planned.ok (the digest of the configuration planned, and each root's
# plan). Tests never run Terraform: they check that planned.ok is for the
# configuration fix makes today, and scan the committed plans.
#
#   testdata/fix/regen-plans.sh [CASE_DIR ...]     (default: every case)
#
# A case with a NO_PLAN file (why) is skipped. The roots to plan are
# listed in the case's roots file, one a line (default: "."). tfplan
# copies only the directory it plans, and roots here may call modules
# beside them, so the fixed tree is planned where it is, with the
# provider tfplan built and the CLI configuration it wrote.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tfplan=${TFPLAN:-$repo/../shared/tools/tfplan/tfplan}
tf=${TERRAFORM:-$(command -v terraform || command -v tofu)}
cache=${TFPLAN_CACHE:-$HOME/.cache/tfplan}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

bin=$scratch/tfcomply
(cd "$repo" && go build -o "$bin" ./cmd/tfcomply)

# tfplan builds the provider once and writes the CLI configuration.
mkdir -p "$scratch/warm"
printf 'resource "aws_cloudwatch_log_group" "g" {\n  name = "g"\n}\n' > "$scratch/warm/main.tf"
"$tfplan" "$scratch/warm" "$scratch/warm-out" >/dev/null
export TF_CLI_CONFIG_FILE=$cache/terraform.rc CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
version=$("$tf" version | head -1)

# digest: as the test computes it (treeDigest in cmd/tfcomply/fix_test.go).
digest() {
  (cd "$1" && find . -type f ! -path './.terraform/*' ! -path '*/.terraform/*' | sed 's|^\./||' | LC_ALL=C sort |
    while IFS= read -r f; do printf '%s\0%s\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)"; done | sha256sum | cut -d' ' -f1)
}

cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=("$here"/*/)
failed=()
for dir in "${cases[@]}"; do
  dir=$(cd "${dir%/}" && pwd)
  name=$(basename "$dir")
  if [[ -f $dir/NO_PLAN ]]; then
    echo "skip $name: $(cat "$dir/NO_PLAN")"
    continue
  fi
  work=$scratch/$name
  mkdir -p "$work"
  cp -r "$dir/in/." "$work/"
  read -r -a args < "$dir/args"
  (cd "$work" && TFCOMPLY_OFFLINE=1 "$bin" fix "${args[@]}" > "$scratch/$name.fix.log") || true
  sum=$(digest "$work")
  roots=(.)
  [[ -f $dir/roots ]] && mapfile -t roots < "$dir/roots"
  rm -rf "$dir/plans"
  mkdir -p "$dir/plans"
  ok="# Real Terraform planned the configuration tfcomply fix makes of in/ without error
# (testdata/fix/regen-plans.sh: $version, tfplan's AWS provider v6.47).
config-sha256 $sum
"
  for root in "${roots[@]}"; do
    plan=plans/$(echo "$root" | tr '/' '_' | sed 's/^\.$/root/').json
    log=$scratch/$name.$(basename "$plan" .json).log
    if (cd "$work/$root" && "$tf" init -input=false -no-color > "$log" 2>&1 &&
        "$tf" plan -input=false -no-color -out=tfplan.bin >> "$log" 2>&1 &&
        "$tf" show -json tfplan.bin > "$dir/$plan"); then
      ok+="root $root $plan
"
    else
      echo "$name: terraform failed in $root:" >&2
      tail -20 "$log" >&2
      failed+=("$name")
      continue 2
    fi
  done
  printf '%s' "$ok" > "$dir/planned.ok"
  echo "done $name"
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
