/**
 * Loopback-friendly gossip timings (memberlist's LAN profile) that the sample cluster runs with, so
 * failures show within seconds. bench/reliability measures the kill -9 timeline with them.
 */
export const LAN_TIMINGS: Readonly<Record<string, string>> = {
  GDD_MEM_PROBE_INTERVAL: '1s',
  GDD_MEM_PROBE_TIMEOUT: '500ms',
  GDD_MEM_SUSPICION_MULT: '4',
  GDD_MEM_GOSSIP_INTERVAL: '200ms',
  GDD_MEM_GOSSIP_NODES: '3',
  GDD_MEM_SYNC_INTERVAL: '30s',
  GDD_MEM_TCP_TIMEOUT: '10s',
};
