/** What every benchmark target is once it listens: a port on 127.0.0.1 and a way to stop. */
export interface RunningTarget {
  port: number;
  close(): Promise<void>;
}
