/** IPC messages between the gossip benchmark driver (run.ts) and its node processes (worker.ts). */

export type ToWorker =
  | { cmd: 'start'; names: string[]; profile: 'local' | 'lan' }
  | { cmd: 'join'; seed: string; expected: number }
  | { cmd: 'watch'; subject: string }
  | { cmd: 'shutdown' };

export type FromWorker =
  | { type: 'started'; nodes: Array<{ name: string; port: number }> }
  /** A node of this worker now lists `expected` members. */
  | { type: 'converged'; name: string; at: number }
  /** A node of this worker saw `subject` become suspect / dead. */
  | { type: 'observed'; observer: string; subject: string; event: 'suspect' | 'dead'; at: number }
  | { type: 'joinFailed'; name: string; error: string };
