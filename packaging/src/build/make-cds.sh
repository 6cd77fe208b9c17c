#!/bin/sh
# Makes lib/eden.jsa, the AppCDS archive bin/eden uses, by running a training command
# through the launcher once (the launcher records which folder and Java it is valid for).
set -eu
dist=$1
sample=$2
rm -f "$dist/lib/eden.jsa" "$dist/lib/eden.jsa.id"
sh "$dist/bin/eden" cds-training "$sample" >/dev/null 2>&1 || true
[ -f "$dist/lib/eden.jsa" ] || sh "$dist/bin/eden" --version >/dev/null 2>&1 || true
