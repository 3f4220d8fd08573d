#!/bin/sh
# hw-serialport.t: the device tests through libserialport itself.  Debian's
# libserialport 0.1.1 refuses ptys, so the test-only shim sp-pty.so is
# preloaded to let it open the simulator's; ASan must then be told the
# shim may come first in the library order.
b=${OKNO_BUILD:?OKNO_BUILD is not set}
if [ ! -r "$b/tests/sp-pty.so" ]; then
	echo "1..0 # SKIP $b/tests/sp-pty.so not built"
	exit 0
fi
LD_PRELOAD=$b/tests/sp-pty.so \
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	exec "$b/tests/hw-pty.t" --serialport
