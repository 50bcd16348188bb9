# A test PKI made with OpenSSL for the signing tests: a CA, signers with Japanese names, a
# timestamp authority, and certificates that are expired or not yet valid. Sourced by the tests
# (after lib.bash); everything is made in the current folder. Passwords are the tests' own.
#   pki_ca                          ca.key ca.pem, and the files `openssl ca` keeps
#   pki_signer NAME SUBJECT [START END [EXT]]   NAME.key NAME.pem NAME.p12 (password in pw.txt);
#                                   EXT: the certificate's extensions (default signer_ext;
#                                   encipher_ext, tls_ext: certificates not for signing)
#   pki_tsa [CERTS]                 tsa.key tsa.pem tsa.cnf (for openssl ts -reply); the token
#                                   carries the certificates of CERTS (default tsa.pem)
PKI_PASSWORD='ひみつ-secret'
TSA_PID=

# pki_requires TOOL…: the test is skipped (exit 77) when one is missing.
pki_requires() {
    local tool
    for tool; do
        if ! command -v "$tool" > /dev/null; then
            echo "SKIP: $tool is missing (tools/test installs it, from tools/test-packages.txt)"
            exit 77
        fi
    done
}

# pki_stop_tsa: stops the loopback timestamp authority, if it runs (the tests' EXIT trap).
pki_stop_tsa() {
    if [ -n "$TSA_PID" ]; then
        kill "$TSA_PID" 2> /dev/null
        wait "$TSA_PID" 2> /dev/null
        TSA_PID=
    fi
}

pki_ca() {
    mkdir -p ca-db/new
    : > ca-db/index.txt
    echo 1000 > ca-db/serial
    printf '%s\n' "$PKI_PASSWORD" > pw.txt
    cat > ca.cnf <<CNF
[req]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[dn]
[ca]
default_ca = test_ca
[test_ca]
dir = $PWD/ca-db
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
certificate = $PWD/ca.pem
private_key = $PWD/ca.key
default_md = sha256
default_days = 365
policy = any
unique_subject = no
preserve = yes
utf8 = yes
string_mask = utf8only
[any]
countryName = optional
organizationName = optional
title = optional
commonName = supplied
[ca_ext]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[encipher_ext]
basicConstraints = critical, CA:false
keyUsage = critical, keyEncipherment, dataEncipherment
[tls_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
[tsa_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -config ca.cnf \
        -extensions ca_ext -subj "/C=JP/O=毛呂山町/CN=毛呂山町 試験認証局" 2> /dev/null
}

# The certificate is issued by the CA for the dates given (YYYYMMDDHHMMSSZ), else for a year from now.
pki_cert() {
    local name=$1 subject=$2 ext=$3 start=${4:-} end=${5:-}
    openssl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -config ca.cnf -subj "$subject" 2> /dev/null
    local dates=()
    if [ -n "$start" ]; then dates=(-startdate "$start" -enddate "$end"); fi
    openssl ca -batch -notext -config ca.cnf -extensions "$ext" "${dates[@]}" -in "$name.csr" -out "$name.pem" 2> /dev/null
}

pki_signer() {
    pki_cert "$1" "$2" "${5:-signer_ext}" "${3:-}" "${4:-}"
    openssl pkcs12 -export -inkey "$1.key" -in "$1.pem" -certfile ca.pem -name "$1" -out "$1.p12" -passout file:pw.txt
}

pki_tsa() {
    [ -f tsa.pem ] || pki_cert tsa "/C=JP/O=毛呂山町/CN=毛呂山町 試験時刻認証局" tsa_ext
    echo 01 > tsa-serial
    cat > "${TSA_CONFIG:-tsa.cnf}" <<CNF
[tsa]
default_tsa = test_tsa
[test_tsa]
serial = $PWD/tsa-serial
crypto_device = builtin
signer_cert = $PWD/tsa.pem
certs = $PWD/${1:-tsa.pem}
signer_key = $PWD/tsa.key
signer_digest = sha256
default_policy = 1.2.392.200000.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
}

# Starts the loopback timestamp authority (support/tsa.py) in the background, with TSA_CONFIG
# (default tsa.cnf); sets TSA_URL and TSA_PID. With --silent it never answers. The caller stops it
# with pki_stop_tsa (trap pki_stop_tsa EXIT).
pki_start_tsa() {
    local portfile=tsa-port$$.$RANDOM
    python3 "$SRC/tests/e2e/support/tsa.py" "$PWD/${TSA_CONFIG:-tsa.cnf}" "$portfile" "$@" &
    TSA_PID=$!
    for _ in $(seq 100); do [ -s "$portfile" ] && break; sleep 0.05; done
    TSA_URL="http://127.0.0.1:$(cat "$portfile")/tsa"
}

# A SoftHSM2 token of its own (SOFTHSM2_CONF in this folder), label yoshiki-test, PIN in pin.txt.
pki_token() {
    mkdir -p hsm/tokens
    printf 'directories.tokendir = %s/hsm/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$PWD" > hsm/softhsm2.conf
    export SOFTHSM2_CONF=$PWD/hsm/softhsm2.conf
    echo 5678 > pin.txt
    softhsm2-util --init-token --free --label yoshiki-test --so-pin 12345678 --pin 5678 > /dev/null
}

# Puts a private key and a certificate on the token under one label and id.
pki_token_put() {
    local key=$1 cert=$2 label=$3 id=$4
    openssl pkcs8 -topk8 -nocrypt -in "$key" -out "$label.p8"
    softhsm2-util --import "$label.p8" --token yoshiki-test --label "$label" --id "$id" --pin 5678 > /dev/null
    openssl x509 -in "$cert" -outform der -out "$label.der"
    pkcs11-tool --module "$SOFTHSM_MODULE" --token-label yoshiki-test --login --pin 5678 \
        --write-object "$label.der" --type cert --id "$id" --label "$label" > /dev/null 2>&1
}
SOFTHSM_MODULE=/usr/lib/softhsm/libsofthsm2.so

# An NSS database trusting the test CA, for pdfsig.
pki_nss() {
    mkdir -p nss
    certutil -N -d sql:nss --empty-password
    certutil -A -d sql:nss -n test-ca -t "CT,C,C" -i ca.pem
}
