#!/bin/sh
# Starts the brevettiai-java Jupyter kernel of the project at @PROJECT_ROOT@
# (written there by `bin/brevettiai kernel install` from kernel/kernelspec/launch.sh; install again after moving the project).
# bin/brevettiai rebuilds the project first when its sources changed, then runs the kernel from app/target/.
# JVM options: BREVETTIAI_KERNEL_JAVA_OPTS replaces the defaults below (set it to "" for the JVM's own).
JAVA_HOME="${JAVA_HOME:-@JAVA_HOME@}"
BREVETTIAI_JAVA_OPTS="${BREVETTIAI_KERNEL_JAVA_OPTS-@JAVA_OPTS@} ${BREVETTIAI_JAVA_OPTS:-}"
export JAVA_HOME BREVETTIAI_JAVA_OPTS
exec @BREVETTIAI@ kernel run "$@"
