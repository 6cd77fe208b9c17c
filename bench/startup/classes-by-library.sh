#!/bin/sh
# Counts the classes one eden command loads, per library, from a class-load log.
#   bench/startup/classes-by-library.sh EDEN_LAUNCHER ARGS...
# Runs the command once with -Xlog:class+load and prints "count library" rows, most first.
# A class is counted by its package (lambdas and proxies included), whether it came from the
# CDS archive or a jar.
set -eu
launcher=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
EDEN_JAVA_OPTS="${EDEN_JAVA_OPTS:-} -Xlog:class+load=info:file=$log" "$launcher" "$@" >/dev/null 2>&1 || true
awk '
  / source: / {
    c = $2; lib = "other: " c
    n = split("io.grpc.netty.shaded.io.netty=Netty (shaded in grpc-netty-shaded)|io.grpc.netty.=gRPC|io.grpc.=gRPC|io.perfmark.=gRPC|dev.cel.=CEL|cel.=CEL|com.google.protobuf.=protobuf|com.google.rpc.=protobuf|com.google.common.=guava|com.google.=other google|org.quartz.=Quartz|org.bouncycastle.=BouncyCastle|org.sqlite.=SQLite|picocli.=picocli|org.snakeyaml.=snakeyaml-engine|com.github.jknack.handlebars.=handlebars|org.apache.commons.=commons-lang/text|org.eclipse.jgit.=JGit|org.apache.sshd.=sshd|org.slf4j.=slf4j|org.antlr.=antlr|com.google.re2j.=re2j|dev.eden.proto.=eden-proto|dev.eden.schema.=eden-schema|dev.eden.reconciler.=eden-reconciler|dev.eden.agent.=eden-agent|dev.eden.common.=eden-common|dev.eden.cli.=eden-cli|org.openjdk.nashorn.=nashorn|java.=JDK|javax.=JDK|jdk.=JDK|sun.=JDK|com.sun.=JDK", rules, "|")
    for (i = 1; i <= n; i++) {
      split(rules[i], kv, "=")
      if (index(c, kv[1]) == 1) { lib = kv[2]; break }
    }
    count[lib]++; total++
    if ($0 ~ /shared objects file/) shared++
  }
  END {
    for (l in count) printf "%7d  %s\n", count[l], l
    printf "%7d  total (%d from the CDS archives)\n", total, shared
  }' "$log" | sort -rn
