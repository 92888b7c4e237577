#!/usr/bin/env bash
# The seed's TLS walk-through, step [1], without the prompts: a private key, a certificate signing request
# and a self-signed certificate (openssl genrsa / req -new / x509 -req -signkey), then the Secret manifest
# `kubectl create secret tls hello-ingress-secret --key ... --cert ...` would create.
#
#   examples/tls/make-cert.sh [OUT_DIR]        default OUT_DIR: examples/tls/ssl_cert (git-ignored)
#   CN=shop.example.com DAYS=90 examples/tls/make-cert.sh
#
# Nothing is printed from the key. The files are readable by you only.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/ssl_cert}"
cn="${CN:-hello-ingress.example.com}"
# The seed writes `-day 265`; openssl's option is -days.
days="${DAYS:-365}"
secret="${SECRET_NAME:-hello-ingress-secret}"

umask 077
mkdir -p "$out"
key="$out/hello-ingress.key"
csr="$out/hello-ingress.csr"
crt="$out/hello-ingress.crt"

openssl genrsa -out "$key" 2048 2>/dev/null
# -subj answers the questions the seed types in (country, organization, common name).
openssl req -new -key "$key" -out "$csr" -subj "/C=KR/O=Hello Ingress/CN=$cn"
openssl x509 -req -days "$days" -in "$csr" -signkey "$key" -out "$crt" 2>/dev/null

# The Secret as `kubectl create secret tls` makes it: type kubernetes.io/tls, base64 tls.crt and tls.key.
# For `ingress-glb plan examples/tls/manifests "$out/$secret.yaml"`; never commit it.
{
  echo "apiVersion: v1"
  echo "kind: Secret"
  echo "metadata:"
  echo "  name: $secret"
  echo "type: kubernetes.io/tls"
  echo "data:"
  echo "  tls.crt: $(openssl base64 -A -in "$crt")"
  echo "  tls.key: $(openssl base64 -A -in "$key")"
} >"$out/$secret.yaml"

echo "made $crt (CN=$cn, $days days), $key and $out/$secret.yaml"
echo "for pulumi up (stack tls):"
echo "  pulumi config set --secret ingress-glb:tlsCertificate < $crt"
echo "  pulumi config set --secret ingress-glb:tlsPrivateKey < $key"
