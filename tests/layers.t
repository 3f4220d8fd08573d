#!/bin/sh
# layers.t: the folders are layers the compiler enforces (tools/layers.sh;
# README, "Layout"): an upward include does not compile, and curses,
# SQLite, libconfig, libserialport stay in their layers; no include cycle.
: "${OKNO_SRC:=$(cd "$(dirname "$0")/.." && pwd)}"
exec sh "$OKNO_SRC/tools/layers.sh"
