#!/bin/sh
# soak.t: the short soak for `make check`: an office day in 30 seconds
# under kills, replugs and a full disk (tests/soak.sh says what it proves;
# `make soak` runs the long one).
SOAK_SECONDS=${SOAK_SECONDS:-30}
export SOAK_SECONDS
exec sh "$(dirname "$0")/soak.sh"
