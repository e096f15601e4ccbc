#!/usr/bin/env bash
# Debian packages and services the test suite needs:
# - golang-go + golang-github-hashicorp-memberlist-dev: build the Go memberlist peer spec/support/gonode (GOPATH mode)
# - serf: a real serf agent for the serf-cluster interop test
# - nftables, iptables, iproute2: loss and partition tests in network namespaces
# - redis-server: the Redis GCRA rate limiter tests
# - prometheus: a real Prometheus discovering the services through /go-doudou/prometheus/sd
# - chromium: the registry page tested in headless Chromium (playwright-core drives Debian's browser)
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
