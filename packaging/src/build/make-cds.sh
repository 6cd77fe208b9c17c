#!/bin/sh
# Makes lib/eden.jsa, the AppCDS archive bin/eden uses, from a training run of the common
# commands (cds-training: validate, plan, apply, and every command's help) through the launcher,
# which records the folder and Java it holds for in lib/eden.jsa.id; this script adds the
# archive's size there, so that the launcher can tell a damaged archive.
set -eu
dist=$1
sample=$2
rm -f "$dist/lib/eden.jsa" "$dist/lib/eden.jsa.id"
sh "$dist/bin/eden" cds-training "$sample" >/dev/null 2>&1 || true
if [ -f "$dist/lib/eden.jsa" ]; then
  wc -c <"$dist/lib/eden.jsa" | tr -d ' ' >>"$dist/lib/eden.jsa.id"
else
  echo "make-cds: no archive was made; eden will start without one" >&2
fi
