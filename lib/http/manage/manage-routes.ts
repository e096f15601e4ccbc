/**
 * The built-in endpoints under /go-doudou/ (docs/go-doudou-differences.md#management-endpoints). They are NOT prefixed by
 * GDD_ROUTE_ROOT_PATH (as in go-doudou v1), exist only when GDD_MANAGE_ENABLE is on, and sit behind basic
 * auth — except /go-doudou/health, left open for liveness/readiness probes.
 */
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { HealthReport } from '../../lifecycle';
import type { HttpMetrics } from '../../observability/metrics';
import type { BuiltRoute } from '../route-builder';
import { gddState } from '../request-state';
import { basicAuth, type BasicAuthCredentials } from './basic-auth';
import { serveScrapeTargets, type ScrapeTargetProvider } from './prometheus-sd';
import { serveRegistry, type RegistryProvider } from './registry-page';
import { HttpError } from '../../errors';
import { SwaggerUi } from './swagger-ui';

export const MANAGE_PREFIX = '/go-doudou';
export const OPENAPI_PATH = `${MANAGE_PREFIX}/openapi.json`;

export interface ManageRoutesOptions {
  credentials: BasicAuthCredentials;
  openApi: () => object;
  metrics: HttpMetrics;
  registry?: RegistryProvider;
  /** Micro mode: the members to scrape, for /go-doudou/prometheus/sd. */
  scrapeTargets?: ScrapeTargetProvider;
  /** The App's health checks (a Database, …); without it /go-doudou/health is always up. */
  health?: () => Promise<HealthReport>;
  serviceName: string;
  /** GDD_SERVICE_VERSION, shown by /go-doudou/health when set. */
  serviceVersion: string;
}

export function mountManageRoutes(router: Router, o: ManageRoutesOptions): BuiltRoute[] {
  const auth = basicAuth(o.credentials);
  const ui = new SwaggerUi(o.serviceName || 'ts-doudou');
  const built: BuiltRoute[] = [];
  const add = (name: string, pattern: string, protect: boolean, handler: (ctx: Context) => void | Promise<void>): void => {
    const mark: Middleware = async (ctx, next) => {
      gddState(ctx).routeTemplate = pattern;
      await next();
    };
    const run: Middleware = async (ctx) => {
      await handler(ctx);
    };
    router.register(pattern, ['GET'], protect ? [mark, auth, run] : [mark, run], { name });
    built.push({ name, method: 'GET', pattern });
  };

  add('GetOpenAPI', OPENAPI_PATH, true, (ctx) => {
    ctx.body = o.openApi();
  });
  add('GetDoc', `${MANAGE_PREFIX}/doc`, true, (ctx) => ui.servePage(ctx));
  add('GetDocAsset', `${MANAGE_PREFIX}/doc/:file`, true, (ctx) => {
    const file = (ctx as Context & { params: Record<string, string> }).params.file ?? '';
    if (!ui.serveAsset(ctx, file)) ctx.status = 404;
  });
  add('GetPrometheus', `${MANAGE_PREFIX}/prometheus`, true, async (ctx) => {
    const { contentType, text } = await o.metrics.exposition();
    ctx.type = contentType;
    ctx.body = text;
  });
  const health = o.health;
  add('GetHealth', `${MANAGE_PREFIX}/health`, false, async (ctx) => {
    const report = health === undefined ? { status: 'up' as const } : await health();
    ctx.status = report.status === 'up' ? 200 : 503;
    ctx.body = o.serviceVersion ? { ...report, version: o.serviceVersion } : report;
  });
  const scrape = o.scrapeTargets;
  if (scrape) add('GetPrometheusSd', `${MANAGE_PREFIX}/prometheus/sd`, true, (ctx) => serveScrapeTargets(ctx, scrape));
  const registry = o.registry;
  add('GetRegistry', `${MANAGE_PREFIX}/registry`, true, (ctx) => {
    if (registry) return serveRegistry(ctx, registry, o.serviceName);
    throw HttpError.of(
      'NO_REGISTRY',
      'this instance has no gossip registry: it runs in monolith mode (GDD_MODE=mono); start it with GDD_MODE=micro and GDD_SERVICE_NAME to join a cluster and list its members here',
    );
  });
  return built;
}
