#!/bin/sh
# Makes the self-signed certificate the local DoH resolver (tests/resolver)
# serves: EC P-256, SAN IP:127.0.0.1 and DNS:localhost.
#   tests/resolver/make-cert.sh DIR   -> DIR/cert.pem, DIR/key.pem
# Node reads NODE_EXTRA_CA_CERTS only at start, so the cert must exist before
# the tests run; the Makefile calls this first. Idempotent: a cert that is
# still valid for 30 days, matches its key and names 127.0.0.1 is kept.
set -eu
dir=${1:?usage: make-cert.sh DIR}
cert=$dir/cert.pem
key=$dir/key.pem

usable() {
  [ -s "$cert" ] && [ -s "$key" ] || return 1
  openssl x509 -in "$cert" -noout -checkend 2592000 >/dev/null 2>&1 || return 1
  openssl x509 -in "$cert" -noout -ext subjectAltName 2>/dev/null | grep -q 'IP Address:127.0.0.1' || return 1
  # The key must be the one the cert was made for.
  [ "$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null)" = "$(openssl pkey -in "$key" -pubout 2>/dev/null)" ]
}

if usable; then
  exit 0
fi

mkdir -p "$dir"
# Write beside the final names and rename, so a concurrent reader never sees
# a cert without its key half-written.
tmp=$(mktemp -d "$dir/.make-cert.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -subj "/CN=mxray test resolver" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>"$tmp/openssl.log" || {
  cat "$tmp/openssl.log" >&2
  exit 1
}
chmod 644 "$tmp/cert.pem"
mv "$tmp/key.pem" "$key"
mv "$tmp/cert.pem" "$cert"
echo "made $cert"
