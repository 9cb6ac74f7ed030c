#!/usr/bin/env bash
# Builds the project with the newest JDK installed besides 17 (JDK 23+ turns annotation processing off unless asked,
# which once left our plugin jars without PF4J's extension index), and checks that every sample plugin jar still has
# its META-INF/extensions.idx. Without a newer JDK it says so and succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."
newest=""
for home in /usr/lib/jvm/*; do
  [[ -x "$home/bin/javac" ]] || continue
  version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "$version" =~ ^[0-9]+$ ]] && (( version > 17 )) || continue
  if [[ -z "$newest" ]] || (( version > ${newest%%:*} )); then newest="$version:$home"; fi
done
if [[ -z "$newest" ]]; then
  echo "newest-jdk-build: no JDK newer than 17 installed; skipped"
  exit 0
fi
echo "newest-jdk-build: building with JDK ${newest%%:*} (${newest#*:})"
JAVA_HOME="${newest#*:}" mvn -B -q -DskipTests package
for jar in sample-plugins/{bulk-status,csv-export,webhook}/target/zou4j-sample-*.jar; do
  listing="$(unzip -Z1 "$jar")"   # (not piped into grep -q: under pipefail its early exit would fail the pipe)
  grep -qx "META-INF/extensions.idx" <<<"$listing" \
    || { echo "newest-jdk-build: $jar has no META-INF/extensions.idx" >&2; exit 1; }
done
echo "newest-jdk-build: JDK ${newest%%:*} build passed; the sample plugin jars keep their extension index"
