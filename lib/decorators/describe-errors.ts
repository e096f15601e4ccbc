import { ConfigError, HttpErrorCodes } from '../errors';
import type { ErrorResponseDescriptor } from './descriptors';
import type { ErrorResponseOptions } from './schema-options';
import { resolveType, type ComponentSchemas } from './schema-resolver';

/**
 * A route's `errors: [...]` → ErrorResponseDescriptors. Refused at start-up (INVALID_ERROR_RESPONSE): a status
 * outside 400–599, no code, one code under two statuses (clients switch on the code), and one of ts-doudou's
 * own codes under another status than the one the framework answers it with.
 */
export function describeErrors(
  declared: readonly ErrorResponseOptions[] | undefined,
  route: string,
  components: ComponentSchemas,
): ErrorResponseDescriptor[] {
  const statusOfCode = new Map<string, number>();
  return (declared ?? []).map((e, i) => {
    const where = `${route} errors[${i}]`;
    if (!Number.isInteger(e.status) || e.status < 400 || e.status > 599) {
      throw new ConfigError('INVALID_ERROR_RESPONSE', `${where}: status ${String(e.status)} is not an error status (400–599)`);
    }
    const codes = typeof e.code === 'string' ? [e.code] : [...(e.code ?? [])];
    if (codes.length === 0 || codes.some((c) => typeof c !== 'string' || c.trim() === '')) {
      throw new ConfigError('INVALID_ERROR_RESPONSE', `${where}: give the error code (or codes) the ${e.status} answer carries`);
    }
    for (const code of codes) {
      const framework = HttpErrorCodes.has(code) ? HttpErrorCodes.table[code].status : undefined;
      if (framework !== undefined && framework !== e.status) {
        throw new ConfigError('INVALID_ERROR_RESPONSE', `${where}: ${code} is ts-doudou's own ${framework} code; use a code of your own`);
      }
      const earlier = statusOfCode.get(code);
      if (earlier !== undefined && earlier !== e.status) {
        throw new ConfigError(
          'INVALID_ERROR_RESPONSE',
          `${where}: ${code} is declared with ${earlier} and ${e.status}; a code has one status`,
        );
      }
      statusOfCode.set(code, e.status);
    }
    const out: ErrorResponseDescriptor = { status: e.status, codes, description: e.description ?? codes.join(' or ') };
    if (e.details !== undefined) out.details = resolveType(undefined, { type: e.details }, `${where} details`, components).schema;
    return out;
  });
}
