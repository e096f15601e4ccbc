import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CONFIG_VARIABLES, loadConfig, renderConfigTable, type Config } from '../../lib/config';

function fieldValue(config: Config, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config);
}

describe('config/variables', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gdd-vars-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ env, cwd: dir, hostname: 'pod-1' });

  it('has one row per variable name', () => {
    const names = CONFIG_VARIABLES.map((v) => v.name);
    assert.equal(new Set(names).size, names.length);
    // GDD_* plus the standard JAEGER_* names that jaeger-client and go-doudou's Go tracer read
    assert.ok(names.every((n) => /^(GDD|JAEGER)_[A-Z_]+$/.test(n)));
  });

  it('honours every documented variable: its example changes the field it documents', () => {
    const defaults = load({});
    for (const variable of CONFIG_VARIABLES) {
      const env: Record<string, string> = { [variable.name]: variable.example };
      if (variable.name === 'GDD_MODE') env.GDD_SERVICE_NAME = 'svc';
      const changed = load(env);
      assert.notDeepEqual(
        fieldValue(changed, variable.field),
        fieldValue(defaults, variable.field),
        `${variable.name} did not change ${variable.field}`,
      );
    }
  });

  it('documents every field of Config that comes from a variable', () => {
    const fields = new Set(CONFIG_VARIABLES.map((v) => v.field));
    const leaves: string[] = [];
    const walk = (node: object, prefix: string): void => {
      for (const [key, value] of Object.entries(node)) {
        const field = prefix ? `${prefix}.${key}` : key;
        if (field === 'sources' || field === 'mem.dynamicWeight' || field === 'mem.delegateVersion') {
          if (field === 'mem.delegateVersion') leaves.push(field);
          continue;
        }
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) walk(value, field);
        else leaves.push(field);
      }
    };
    walk(load({}), '');
    assert.deepEqual(
      leaves.filter((f) => !fields.has(f)),
      [],
    );
  });

  it('renders a Markdown table listing every variable with its default', () => {
    const table = renderConfigTable();
    const lines = table.trim().split('\n');
    assert.equal(lines[0], '| Variable | Default | Description |');
    for (const variable of CONFIG_VARIABLES) {
      const row = lines.find((l) => l.startsWith(`| \`${variable.name}\` |`));
      assert.ok(row, `${variable.name} missing from the table`);
      assert.ok(row.includes(`| \`${variable.defaultText}\` |`), `${variable.name} default not shown`);
    }
    assert.ok(
      lines.every((l) => l.split(/(?<!\\)\|/).length === 5),
      'every row has three cells',
    );
  });

  it('every GDD_* name in the rendered table is read by the loader', () => {
    const documented = new Set(
      renderConfigTable()
        .match(/`(GDD|JAEGER)_[A-Z_]+`/g)
        ?.map((s) => s.slice(1, -1)),
    );
    const defaults = load({});
    for (const name of documented) {
      const variable = CONFIG_VARIABLES.find((v) => v.name === name);
      if (!variable) continue; // mentioned inside a description, e.g. "wins over GDD_MEM_WEIGHT"
      const env: Record<string, string> = { [name]: variable.example, GDD_SERVICE_NAME: 'svc' };
      assert.notDeepEqual(load(env), defaults, `${name} is ignored by the loader`);
    }
    assert.ok(documented.size >= CONFIG_VARIABLES.length);
  });

  it('parses every default through the loader without error', () => {
    for (const variable of CONFIG_VARIABLES) {
      assert.doesNotThrow(() => load({ [variable.name]: variable.default === '' ? ' ' : variable.default }), variable.name);
    }
  });
});
