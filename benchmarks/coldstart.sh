#!/usr/bin/env bash
# Cold start: a JVM that pushes one certificate to FakeHuaweiCloud (WAF, cn-north-4) and exits, measured
# as a whole process by /usr/bin/time -v: wall time and peak RSS, RUNS times (default 5), each with a new
# certificate name. The emulator runs in a process of its own, started here and stopped at the end, so
# only the client is measured. The client's class path is the application's (footprint.sh's lib/) plus
# the ColdStart class; JVM options can be given in JAVA_OPTS, another folder of jars in LIB (e.g. copies
# with the signatures stripped, to measure what verifying signed jars costs).
# Needs: JDK 17+, Maven, GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")"
runs=${RUNS:-5}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -f target/benchmarks.jar ] || (cd .. && mvn -B -q -Dstyle.color=never -pl benchmarks -am package -DskipTests >&2)
[ -d footprint/app/target/lib ] || ./footprint.sh >/dev/null
work=$(mktemp -d)
java -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=100000 \
  -cp target/benchmarks.jar io.scmpush.testkit.FakeHuaweiCloud 0 \
  > "$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q '^Stop with' "$work/emulator.out" && break; sleep 0.1; done
endpoint=$(sed -n 's/^FakeHuaweiCloud listening on //p' "$work/emulator.out")
export HUAWEICLOUD_SDK_AK=$(sed -n 's/^HUAWEICLOUD_SDK_AK=//p' "$work/emulator.out")
export HUAWEICLOUD_SDK_SK=$(sed -n 's/^HUAWEICLOUD_SDK_SK=//p' "$work/emulator.out")
export HUAWEICLOUD_SDK_DOMAIN_ID=$(sed -n 's/^HUAWEICLOUD_SDK_DOMAIN_ID=//p' "$work/emulator.out")
java -cp target/benchmarks.jar io.scmpush.benchmarks.WriteTestCertificate "$work"
classpath="${LIB:-footprint/app/target/lib}/*:target/classes"
echo "java ${JAVA_OPTS:-} -cp $classpath io.scmpush.benchmarks.ColdStart $endpoint chain.pem key.pem <name>"
for run in $(seq "$runs"); do
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  /usr/bin/time -v -o "$work/time.txt" java ${JAVA_OPTS:-} -cp "$classpath" io.scmpush.benchmarks.ColdStart \
    "$endpoint" "$work/chain.pem" "$work/key.pem" "cold-$$-$run" > "$work/push.out"
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$work/time.txt")
  printf 'run %d: wall %s, peak RSS %d MB, CPU %s, %s\n' "$run" "$wall" $((rss / 1024)) "$cpu" "$(cut -c1-60 "$work/push.out")"
done
