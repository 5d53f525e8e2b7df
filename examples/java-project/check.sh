#!/usr/bin/env bash
# Builds and runs this example against the installed brevettiai-core (run `mvn -B -DskipTests install` at the
# repository's root first), then checks that its dependencies hold nothing of the application: no web or S3
# server, no Jupyter kernel, no charts widget, no TensorFlow or DJL, no Kotlin or OkHttp, no logging binding
# but the one this project chose, no other brevettiai module. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")"

echo "java-project: building against ai.brevetti:brevettiai-core:0.1.0-SNAPSHOT"
mvn -B -q "$@" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

echo "java-project: running example.FolderJob on a new job folder (target/job)"
rm -rf target/job
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -Djava.awt.headless=true -cp "target/classes:$(cat target/classpath.txt)" example.FolderJob target/job --batch_size 3
for f in artifacts/output.json artifacts/completion.json artifacts/sample_identification.csv; do
  if [ ! -s "target/job/$f" ]; then
    echo "java-project: FAILED: the job wrote no $f" >&2
    exit 1
  fi
done
if ! grep -q '"train_images"' target/job/artifacts/output.json; then
  echo "java-project: FAILED: output.json holds no metrics: $(cat target/job/artifacts/output.json)" >&2
  exit 1
fi

echo "java-project: checking the dependency list (target/dependencies.txt)"
mvn -B -q "$@" dependency:list -DoutputFile=target/dependencies.txt -DexcludeTransitive=false
# group:artifact of every dependency, direct or transitive, any scope
deps="$(sed -nE 's/^ +([^: ]+:[^: ]+):.*/\1/p' target/dependencies.txt | sort -u)"
if [ -z "$deps" ]; then
  echo "java-project: FAILED: no dependencies listed in target/dependencies.txt" >&2
  exit 1
fi
banned='javalin|jetty|s3proxy|jclouds|jjava|jupyter|xchart|tensorflow|djl|slf4j-simple|logback|kotlin|okhttp|junit|ai\.brevetti:brevettiai-(vega|training|localplatform|kernel|app)'
offenders="$(grep -Ei "$banned" <<<"$deps" || true)"
if [ -n "$offenders" ]; then
  echo "java-project: FAILED: a project that depends on brevettiai-core gets what only the application needs:" >&2
  sed 's/^/  /' <<<"$offenders" >&2
  echo "  (see 'mvn -f examples/java-project/pom.xml dependency:tree' for who brings it)" >&2
  exit 1
fi
echo "java-project: OK, $(wc -l <<<"$deps") dependencies, none of the application's (servers, kernel, charts widget, TensorFlow/DJL, Kotlin, OkHttp, a second binding, other modules)"
