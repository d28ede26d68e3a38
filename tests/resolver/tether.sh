#!/bin/sh
# Runs one daemon in the foreground, tied to the Node process that started it:
#   sh tether.sh COMMAND ARGS...   (stdin must be a pipe from the parent)
# When the parent goes away, even by SIGKILL, the pipe reads end-of-file and
# the daemon is terminated, so no test run leaves nsd or dnsdist behind.
# Exits with the daemon's status.
exec 3<&0
"$@" </dev/null &
daemon=$!
# A background job gets /dev/null as stdin unless told otherwise: read fd 3.
(while read -r _ <&3; do :; done; kill -TERM "$daemon" 2>/dev/null) &
watcher=$!
trap 'kill -TERM "$daemon" 2>/dev/null' TERM INT HUP
# wait returns early when a trapped signal arrives; wait again for the exit.
while :; do
  wait "$daemon"
  status=$?
  kill -0 "$daemon" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit "$status"
