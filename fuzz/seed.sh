#!/usr/bin/env bash
# Fills corpus/<target>/ with the seed inputs (the corpus itself is not committed).
# Run from anywhere: `bash fuzz/seed.sh`.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/record corpus/office corpus/markdown

# record: the bundled records, the hostile render test, and every validation test's record.
cp "$root"/data/inspections/*.yaml corpus/record/
cp "$root"/tests/testsuite/render/hostile/data/inspections/*.yaml corpus/record/
for f in "$root"/tests/testsuite/validate/*/record.yaml; do
  cp "$f" "corpus/record/validate-$(basename "$(dirname "$f")").yaml"
done

# office: the bundled office, two more (all fields; flow style) and the validation tests' offices.
cp "$root"/data/office.yaml corpus/office/cumbria.yaml
cp seeds/office/*.yaml corpus/office/
for f in "$root"/tests/testsuite/validate/*/data/office.yaml; do
  if [ -e "$f" ]; then
    cp "$f" "corpus/office/validate-$(basename "$(dirname "$(dirname "$f")")").yaml"
  fi
done

# markdown: hostile HTML and Markdown, and the records (whose text fields are Markdown).
cp seeds/markdown/*.md corpus/markdown/
for f in "$root"/data/inspections/*.yaml "$root"/tests/testsuite/render/hostile/data/inspections/*.yaml; do
  cp "$f" "corpus/markdown/$(basename "$f" .yaml).md"
done

echo "seeded: $(ls corpus/record | wc -l) record, $(ls corpus/office | wc -l) office and $(ls corpus/markdown | wc -l) markdown inputs"
