/** Starts an App for the @Service classes imported by the caller and reports where it listens. */
import { App } from '../lib';

/** `setup` registers what the services need that depends on the configuration (e.g. the user store). */
export function runService(label: string, setup: (app: App) => void = () => undefined): void {
  let app: App;
  try {
    // the document's info.contact (Spectral's spectral:oas asks for one); the description comes from the services
    app = new App({ openApi: { contact: { name: 'ts-doudou sample services' } } });
    setup(app);
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
