#!/usr/bin/env bash
# Seeds the fuzz corpora from the fixtures and, when present, a sample of the shared corpus.
#   fuzz/seed.sh && cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run parse_article -- -max_total_time=600
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p corpus/parse_article corpus/lint_group
n=0
while IFS= read -r -d '' file; do
    cp "$file" "corpus/parse_article/fixture-$n.md"
    n=$((n + 1))
done < <(find ../fixtures -name '*.md' -print0)
# One lint_group seed per fixture case: its locale files joined by NUL bytes.
for case in ../fixtures/*/*/; do
    name=$(echo "$case" | tr '/.' '__')
    find "$case" -name '*.md' -print0 | sort -z | head -z -n 5 |
        xargs -0 -I{} sh -c 'cat "{}"; printf "\0"' >"corpus/lint_group/$name" 2>/dev/null || true
done
archive=../../shared/corpus/alchemy-insights.tar.zst
if [ -f "$archive" ]; then
    tmp=$(mktemp -d)
    tar --zstd -xf "$archive" -C "$tmp"
    find "$tmp" -name '*.md' | sort | awk 'NR % 500 == 0' | while read -r file; do
        cp "$file" "corpus/parse_article/corpus-$(basename "$file")"
    done
    rm -rf "$tmp"
fi
echo "seeds: $(ls corpus/parse_article | wc -l) parse_article, $(ls corpus/lint_group | wc -l) lint_group"
