#!/usr/bin/env bash
# Debian packages and services the test suite needs:
# - golang-go + golang-github-hashicorp-memberlist-dev: build the Go memberlist peer spec/support/gonode (GOPATH mode)
# - serf: a real serf agent for the serf-cluster interop test
# - nftables, iptables, iproute2: loss and partition tests in network namespaces
# - redis-server: the Redis GCRA rate limiter tests
# - prometheus: a real Prometheus discovering the services through /go-doudou/prometheus/sd
# - chromium: the registry page tested in headless Chromium (playwright-core drives Debian's browser)
# - mariadb-server, postgresql: the data layer's specs (lib/data) run against both, each in a throwaway schema
set -euo pipefail
need=()
command -v go >/dev/null 2>&1 || need+=(golang-go)
[ -d /usr/share/gocode/src/github.com/hashicorp/memberlist ] || need+=(golang-github-hashicorp-memberlist-dev)
command -v serf >/dev/null 2>&1 || need+=(serf)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# MariaDB on 127.0.0.1:3306 (root, no password) with a database `test`
if ! mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 100); do mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
mysql --protocol=tcp -h 127.0.0.1 -P 3306 -u root -e 'create database if not exists test' >/dev/null 2>&1 || true

# PostgreSQL on 127.0.0.1:5432 (trust) with a database `test`
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
fi
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'test'" 2>/dev/null | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -c 'create database test' >/dev/null 2>&1 || true
