#!/bin/sh
# Postfix's master daemon in the foreground, for the probe's tests:
#   sh postfix-fg.sh CONFIG_DIR     (CONFIG_DIR holds main.cf and master.cf)
# `postfix start-fg` leaves master behind a shell that does not pass on
# SIGTERM, and master -s leads its own session, so a signal to the caller's
# process group would miss it: master is exec'd here, and tether.sh's TERM
# reaches it by its pid. `postfix check` first makes the queue's folders.
set -eu
conf=${1:?usage: postfix-fg.sh CONFIG_DIR}
postfix -c "$conf" check
exec "$(postconf -c "$conf" -h daemon_directory)/master" -c "$conf" -s
