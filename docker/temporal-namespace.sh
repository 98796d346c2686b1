#!/bin/sh
# Registers the namespace the apps use, once the server answers, then exits.
# (temporalio/server does not create one; the deprecated auto-setup image used to.)
set -eu
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  echo "Waiting for Temporal at $TEMPORAL_ADDRESS"
  sleep 2
done
temporal operator namespace describe --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$NAMESPACE" --retention 7d --address "$TEMPORAL_ADDRESS"
echo "Namespace $NAMESPACE is ready"
