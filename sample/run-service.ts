/** Starts an App for the @Service classes imported by the caller and reports where it listens. */
import { App } from '../lib';

export function runService(label: string): void {
  let app: App;
  try {
    app = new App();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  app.listen().then(
    ({ port }) => {
      app.logger.info(`${label} ready: http://localhost:${port}/go-doudou/doc`);
    },
    (err: unknown) => {
      app.logger.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
