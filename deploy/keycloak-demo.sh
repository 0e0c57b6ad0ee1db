#!/usr/bin/env bash
# Single sign-on on one machine, for evaluation (docs/admin-guide.md, "Single sign-on"): a stock Keycloak, fetched from
# Maven Central through Maven, with realm/vestibule-realm.json imported and federating the demo directory of a Vestibule
# already running in demo mode (StartTLS on loopback, its certificate trusted through Keycloak's truststore option).
#
#   VESTIBULE_DEMO_PASSWORD=...  the password Vestibule was started with (the demo directory's service account shares it)
#   VESTIBULE_OIDC_CLIENT_SECRET=...  the portal client's secret, the same Vestibule was given
#   optional: VESTIBULE_DATA_DIR (vestibule-data), VESTIBULE_PUBLIC_URL (https://localhost:8443),
#             VESTIBULE_DEMO_LDAP_PORT (10389), KEYCLOAK_PORT (8180), KEYCLOAK_ADMIN_PASSWORD (generated)
#
# Keycloak listens on http://localhost:$KEYCLOAK_PORT, loopback only, in development mode with an in-memory database:
# every start imports the realm afresh. Not for production: there Keycloak runs over HTTPS with its own database.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${VESTIBULE_DEMO_PASSWORD:?set VESTIBULE_DEMO_PASSWORD to the password Vestibule was started with}"
: "${VESTIBULE_OIDC_CLIENT_SECRET:?set VESTIBULE_OIDC_CLIENT_SECRET to the portal client secret Vestibule was given}"
data_dir=${VESTIBULE_DATA_DIR:-vestibule-data}
if [ ! -f "$data_dir/tls/demo-directory-certificate.pem" ]; then
    echo "No $data_dir/tls/demo-directory-certificate.pem: start Vestibule in demo mode first (VESTIBULE_DEMO=true, see docs/admin-guide.md)." >&2
    exit 1
fi
directory_certificate="$(cd "$data_dir/tls" && pwd)/demo-directory-certificate.pem"
port=${KEYCLOAK_PORT:-8180}
admin_password=${KEYCLOAK_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}

# The zip comes from Maven Central into the local repository (~/.m2) once, and is unpacked into target/keycloak.
./mvnw -q -B dependency:unpack@unpack-keycloak
home=$(ls -d target/keycloak/keycloak-*/ | sort | tail -n 1)
rm -rf "${home}data/import"
mkdir -p "${home}data/import"
cp realm/vestibule-realm.json "${home}data/import/"

base_dn="DC=demo,DC=vestibule,DC=local"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin
export KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password"
export JAVA_OPTS_KC_HEAP="-Xms128m -Xmx640m"
export VESTIBULE_REALM_SSL_REQUIRED=external
export VESTIBULE_REALM_PORTAL_URL="${VESTIBULE_PUBLIC_URL:-https://localhost:8443}"
export VESTIBULE_REALM_PORTAL_CLIENT_SECRET="$VESTIBULE_OIDC_CLIENT_SECRET"
export VESTIBULE_REALM_LDAP_URL="ldap://localhost:${VESTIBULE_DEMO_LDAP_PORT:-10389}"
export VESTIBULE_REALM_LDAP_BIND_DN="CN=vestibule-svc,OU=Service Accounts,$base_dn"
export VESTIBULE_REALM_LDAP_BIND_CREDENTIAL="$VESTIBULE_DEMO_PASSWORD"
export VESTIBULE_REALM_LDAP_USERS_DN="OU=Users,$base_dn"
export VESTIBULE_REALM_LDAP_GROUPS_DN="OU=Groups,$base_dn"

cat <<NOTICE
Keycloak ${home#target/keycloak/} starting on http://localhost:$port (Ctrl-C stops it)
  Issuer for Vestibule: VESTIBULE_OIDC_ISSUER=http://localhost:$port/realms/vestibule, VESTIBULE_OIDC_CLIENT_ID=vestibule-portal
  Keycloak's admin console: http://localhost:$port/admin/ as admin, password ${KEYCLOAK_ADMIN_PASSWORD:+(KEYCLOAK_ADMIN_PASSWORD)}${KEYCLOAK_ADMIN_PASSWORD:-$admin_password}
NOTICE
exec bash "${home}bin/kc.sh" start-dev --db=dev-mem --import-realm \
    --http-host=127.0.0.1 --http-port="$port" \
    --truststore-paths="$directory_certificate"
