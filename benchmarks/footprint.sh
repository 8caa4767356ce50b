#!/usr/bin/env bash
# Footprint: the jars an application needs at run time for scm-push core + waf + elb + cdn, their count
# and total size, against Huawei Cloud's official Java SDK for the same three services (23 jars,
# 18.2 MiB). Builds our four modules (tests skipped) and copies the application's runtime class path
# with dependency:copy-dependencies (footprint/app/pom.xml) into footprint/app/target/lib; installs nothing.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -Dstyle.color=never -f footprint/pom.xml package -DskipTests >&2
lib=footprint/app/target/lib
official_bytes=$(( 182 * 1024 * 1024 / 10 ))   # 18.2 MiB
count=0
total=0
for jar in "$lib"/*.jar; do
  size=$(stat -c %s "$jar")
  printf '%10d  %s\n' "$size" "$(basename "$jar")"
  count=$((count + 1))
  total=$((total + size))
done
awk -v n="$count" -v b="$total" -v o="$official_bytes" 'BEGIN {
  printf "%d jars, %d bytes (%.2f MiB); official SDK: 23 jars, 18.2 MiB; ratio %.3f\n", n, b, b / 1048576, b / o
}'
