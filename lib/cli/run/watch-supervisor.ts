/**
 * `svc run --watch`: TypeScript's watch build drives the service process. A successful build restarts it
 * (debounced: a burst of saves makes one restart) — the old process is drained and gone before the new one
 * starts; a failed build keeps the old process running (the diagnostics are printed by the build).
 */
import type { ServiceProcess } from './service-process';

export interface WatchSupervisorOptions {
  debounceMs: number;
  log: (line: string) => void;
}

export class WatchSupervisor {
  private timer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  private again = false;
  private restarts = 0;
  private closed = false;

  constructor(
    private readonly service: ServiceProcess,
    private readonly options: WatchSupervisorOptions,
  ) {}

  /** Called after every build. */
  onBuild(errorCount: number): void {
    if (this.closed) return;
    if (errorCount > 0) {
      const keeping = this.service.running ? `keeping the running service (pid ${this.service.pid})` : 'no service is running';
      this.options.log(`build failed with ${errorCount} error${errorCount === 1 ? '' : 's'}: ${keeping}`);
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.restart(), this.options.debounceMs);
  }

  private restart(): void {
    if (this.restarting) {
      this.again = true; // a build finished while we were restarting: one more round after this one
      return;
    }
    this.restarting = (async () => {
      if (this.service.running) {
        this.options.log(`restarting: stopping pid ${this.service.pid} (draining)`);
        await this.service.stop();
      }
      if (this.closed) return;
      this.restarts++;
      this.service.start();
      this.options.log(`${this.restarts === 1 ? 'started' : 'restarted'} pid ${this.service.pid}`);
    })().finally(() => {
      this.restarting = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        this.restart();
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.restarting;
    await this.service.stop();
  }
}
