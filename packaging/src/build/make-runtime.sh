#!/bin/sh
# Makes DIST/runtime, the Java runtime image the package carries (so that a node needs no system
# Java): jlink of the JDK that runs the build, with only the modules eden uses, and a CDS archive
# of the JDK classes eden's common commands load (runtime/lib/server/classes.jsa, the default
# archive of that runtime: relocatable, so it holds wherever the package is unpacked).
#   make-runtime.sh DIST JDK SAMPLE_REPO
set -eu
dist=$(cd "$1" && pwd)
jdk=$2
sample=$3
# Java SE (jdeps --print-module-deps over lib/*.jar names java.desktop, java.sql, java.rmi, ...),
# and the JDK modules a library or the JDK looks up at run time rather than links to: providers
# of random generators, charsets, crypto (TLS), DNS, socket options, zip file systems; nashorn's
# dynalink; jdk.jcmd (jcmd PID VM.native_memory on a node). No compiler, no developer tools.
modules=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.dynalink,jdk.httpserver
modules=$modules,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net
modules=$modules,jdk.nio.mapmode,jdk.random,jdk.security.auth,jdk.security.jgss,jdk.unsupported
modules=$modules,jdk.xml.dom,jdk.zipfs
[ -x "$jdk/bin/jlink" ] && [ -d "$jdk/jmods" ] || {
  echo "make-runtime: $jdk has no jlink or no jmods; build with a full JDK 17+ (apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
}
rt=$dist/runtime
rm -rf "$rt"
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --output "$rt" \
  --strip-debug --no-man-pages --no-header-files
# sqlite-jdbc's native library for this machine, unpacked here once rather than into /tmp by every
# process that opens a database (bin/eden points the driver at it)
case $(uname -m) in x86_64 | amd64) arch=x86_64 ;; aarch64 | arm64) arch=aarch64 ;; *) arch=$(uname -m) ;; esac
rm -rf "$dist/lib/native"
mkdir -p "$dist/lib/native"
for jar in "$dist"/lib/sqlite-jdbc-*.jar; do
  (cd "$dist/lib/native" && "$jdk/bin/jar" xf "$jar" "org/sqlite/native/Linux/$arch/libsqlitejdbc.so")
done
if [ -f "$dist/lib/native/org/sqlite/native/Linux/$arch/libsqlitejdbc.so" ]; then
  mv "$dist/lib/native/org/sqlite/native/Linux/$arch/libsqlitejdbc.so" "$dist/lib/native/"
fi
rm -rf "$dist/lib/native/org"
# the JDK classes a training run loads (validate, plan, apply, every command's help) ...
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$rt/bin/java" -Xshare:off -XX:DumpLoadedClassList="$work/all.classlist" -cp "$dist/lib/eden.jar" \
  dev.eden.cli.Eden cds-training "$sample" >"$work/training.log" 2>&1 || true
[ -s "$work/all.classlist" ] || {
  echo "make-runtime: the training run loaded no class:" >&2
  cat "$work/training.log" >&2
  exit 1
}
grep -E '^(java|javax|jdk|sun|com/sun)/|^@lambda-(proxy|form-invoker) (java|javax|jdk|sun)/|^@lambda-form-invoker' \
  "$work/all.classlist" >"$work/jdk.classlist" || true
# ... become the runtime's default CDS archive (used by every java start, base of lib/eden.jsa)
"$rt/bin/java" -Xshare:dump -XX:SharedClassListFile="$work/jdk.classlist" >"$work/dump.log" 2>&1 || {
  cat "$work/dump.log" >&2
  exit 1
}
# what the launcher checks before it trusts the image: a moved image is fine, a damaged or
# replaced one is not (bin/eden computes the same line: the release's JAVA_VERSION and the sizes
# of the module image and of the JVM)
version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$rt/release")
sizes=$(wc -c "$rt/lib/modules" "$rt/lib/server/libjvm.so" | awk 'NR<3{printf " %s", $1}')
printf '%s%s\n' "$version" "$sizes" >"$rt/eden-runtime.id"
