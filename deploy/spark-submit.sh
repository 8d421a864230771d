#!/usr/bin/env bash
# Runs a facetrain command on a Spark cluster: spark-submit of the job jar (facetrain-cli-<version>-job.jar,
# built by `mvn -B -DskipTests package`) with the settings every facetrain JVM needs. See deploy/README.md.
#
# Usage: deploy/spark-submit.sh [spark-submit options] -- <facetrain command> [command options]
#
#   # this machine, two task threads
#   deploy/spark-submit.sh --master 'local[2]' -- ingest --input faces/ --out datasets/faces
#   # standalone cluster
#   deploy/spark-submit.sh --master spark://spark-master:7077 --executor-memory 8g --executor-cores 4 \
#       --total-executor-cores 16 -- ingest --input hdfs:///raw/lfw --out hdfs:///datasets/lfw
#   # YARN, driver in the cluster (see deploy/yarn.md)
#   deploy/spark-submit.sh --master yarn --deploy-mode cluster --num-executors 4 --executor-cores 4 \
#       --executor-memory 8g -- ingest --input hdfs:///raw/lfw --out hdfs:///datasets/lfw
#   # Kubernetes, driver in the cluster, job jar inside the image (see deploy/kubernetes/)
#   FACETRAIN_JOB_JAR=local:///opt/facetrain/facetrain-job.jar deploy/spark-submit.sh \
#       --master k8s://https://kubernetes.example:6443 --deploy-mode cluster \
#       --conf spark.kubernetes.container.image=registry.example/facetrain:0.1.0 \
#       --conf spark.executor.instances=4 -- ingest --input s3a://faces/raw --out s3a://faces/datasets/lfw
#
# What this adds to the spark-submit options given:
#   --class io.facetrain.cli.FacetrainMain and --name "facetrain <command>" (a later --class/--name wins);
#   spark.driver.extraJavaOptions and spark.executor.extraJavaOptions = the flags of conf/jvm-options
#     (Java 17 module flags for Spark's Kryo/unsafe buffers, ND4J, and Aeron/Agrona's
#     --add-exports=java.base/jdk.internal.misc), followed by any value given for them with --conf or
#     --driver-java-options (merged, not replaced; values of these two keys in spark-defaults.conf or a
#     --properties-file are overridden, so pass them on the command line);
#   OMP_NUM_THREADS = the cores one task owns (spark.task.cpus, default 1) for executors
#     (spark.executorEnv), the driver in cluster mode (spark.yarn.appMasterEnv, spark.kubernetes.driverEnv)
#     and this process (the driver in client mode, and the tasks of a local[N] master). For executors an
#     explicit --conf spark.executorEnv.OMP_NUM_THREADS=N wins, for this process an exported OMP_NUM_THREADS.
# Everything else - master, deploy mode, resources, GPU scheduling (deploy/gpu.md) - is spark-submit's.
#
# Environment:
#   SPARK_HOME         Spark 3.5.x for Scala 2.12 (required); its bin/spark-submit runs the job.
#   FACETRAIN_JOB_JAR  the job jar: a path or a URI such as local:///opt/facetrain/facetrain-job.jar
#                      (default: modules/cli/target/facetrain-cli-*-job.jar of this checkout).
#   JAVA_HOME          Java 17 for the driver (spark-submit's own rule).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: deploy/spark-submit.sh [spark-submit options] -- <facetrain command> [command options]"

fail() {
  echo "spark-submit.sh: $1" >&2
  exit 2
}

if [[ -z "${SPARK_HOME:-}" ]]; then
  fail "SPARK_HOME is not set; point it at a Spark 3.5 (Scala 2.12) installation"
fi
submit="$SPARK_HOME/bin/spark-submit"
[[ -x "$submit" ]] || fail "$submit is missing or not executable (SPARK_HOME=$SPARK_HOME)"

# Split the command line at the first "--": spark-submit's options before it, facetrain's after it.
spark_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  spark_args+=("$1")
  shift
done
[[ $# -gt 0 ]] || fail "no '--' before the facetrain command; $usage"
shift
[[ $# -gt 0 ]] || fail "no facetrain command after '--'; $usage"
facetrain_args=("$@")

# The job jar.
if [[ -n "${FACETRAIN_JOB_JAR:-}" ]]; then
  job_jar="$FACETRAIN_JOB_JAR"
  if [[ "$job_jar" != *://* && ! -f "$job_jar" ]]; then
    fail "FACETRAIN_JOB_JAR=$job_jar does not exist"
  fi
else
  shopt -s nullglob
  jars=("$here"/modules/cli/target/facetrain-cli-*-job.jar)
  shopt -u nullglob
  [[ ${#jars[@]} -eq 1 ]] || fail "expected one job jar in $here/modules/cli/target (found ${#jars[@]}); run 'mvn -B -DskipTests package' or set FACETRAIN_JOB_JAR"
  job_jar="${jars[0]}"
fi

# JVM flags, one per line in conf/jvm-options.
flags=""
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [[ -z "$line" || "$line" == \#* ]] && continue
  flags+="${flags:+ }$line"
done < "$here/conf/jvm-options"

# The user's extraJavaOptions are taken out of the options and appended to the flags (spark-submit would
# let them replace the flags); spark.task.cpus gives the thread count.
driver_extra=""
executor_extra=""
task_cpus=1
passed=()

take_conf() { # $1: the option as given (--conf, -c or --driver-java-options), $2: its value
  case "$1:$2" in
    --driver-java-options:*) driver_extra+=" $2" ;;
    *:spark.driver.extraJavaOptions=*) driver_extra+=" ${2#*=}" ;;
    *:spark.executor.extraJavaOptions=*) executor_extra+=" ${2#*=}" ;;
    *)
      if [[ "$2" == spark.task.cpus=* ]]; then
        task_cpus="${2#*=}"
        [[ "$task_cpus" =~ ^[1-9][0-9]*$ ]] || fail "spark.task.cpus must be a positive integer, got '$task_cpus'"
      fi
      passed+=(--conf "$2")
      ;;
  esac
}

i=0
n=${#spark_args[@]}
while [[ $i -lt $n ]]; do
  arg="${spark_args[$i]}"
  case "$arg" in
    --conf|-c|--driver-java-options)
      [[ $((i + 1)) -lt $n ]] || fail "$arg needs a value"
      take_conf "$arg" "${spark_args[$((i + 1))]}"
      i=$((i + 2))
      ;;
    --conf=*)
      take_conf --conf "${arg#--conf=}"
      i=$((i + 1))
      ;;
    --driver-java-options=*)
      take_conf --driver-java-options "${arg#--driver-java-options=}"
      i=$((i + 1))
      ;;
    *)
      passed+=("$arg")
      i=$((i + 1))
      ;;
  esac
done

# ND4J/OpenBLAS default to more threads than a task owns; one per owned core is fastest.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$task_cpus}"

exec "$submit" \
  --class io.facetrain.cli.FacetrainMain \
  --name "facetrain ${facetrain_args[0]}" \
  --conf "spark.driver.extraJavaOptions=${flags}${driver_extra}" \
  --conf "spark.executor.extraJavaOptions=${flags}${executor_extra}" \
  --conf "spark.executorEnv.OMP_NUM_THREADS=$task_cpus" \
  --conf "spark.yarn.appMasterEnv.OMP_NUM_THREADS=$task_cpus" \
  --conf "spark.kubernetes.driverEnv.OMP_NUM_THREADS=$task_cpus" \
  ${passed[@]+"${passed[@]}"} \
  "$job_jar" "${facetrain_args[@]}"
