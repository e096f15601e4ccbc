/**
 * The README's data-layer examples (entities, `ddl sync`/`reverse`, the DAO) are run as written, one after the
 * other in one program, on MariaDB and on PostgreSQL: a user copying them gets working code.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeOnDatabases } from './support/databases';
import { compileProject, REPO_ROOT, writeLinkedProject } from './support/linked-project';
import { runNodeScript } from './support/node-script';
import { TempDirs } from './support/temp-dir';

/** The ```ts blocks between two headings of the README. */
function codeBlocks(readme: string, from: string, to: string): string[] {
  const start = readme.indexOf(from);
  const end = readme.indexOf(to, start);
  assert.ok(start >= 0 && end > start, `README has "${from}" before "${to}"`);
  return [...readme.slice(start, end).matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The blocks as one program: their ts-doudou imports merged, their statements in an async main. */
function programOf(blocks: string[]): string {
  const imported = new Set<string>();
  const bodies = blocks.map((block) =>
    block.replace(/^import \{([^}]+)\} from 'ts-doudou';\n/gm, (_, names: string) => {
      for (const n of names.split(',')) imported.add(n.trim());
      return '';
    }),
  );
  const [entities, ...statements] = bodies;
  // the schema block closes its Database at the end; the DAO block goes on with it, so it closes last
  const steps = statements.map((s) => s.replace(/^await db\.close\(\);$/m, ''));
  return `import { ${[...imported].sort().join(', ')} } from 'ts-doudou';
${entities}
async function main(): Promise<void> {
  const cutoff = new Date(Date.now() - 86_400_000);
  ${steps.join('\n')}
  console.log(JSON.stringify({ statements: plan.statements.length, total: page.total, quantity: (await orders.get(order.id))?.quantity }));
  await db.close();
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
`;
}

describe('README: the data-layer examples', function () {
  this.timeout(420_000); // tsc --strict of the generated project: minutes on a loaded machine
  const temp = new TempDirs();
  let project: string;

  before(() => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const blocks = codeBlocks(readme, '## Data: entities and the schema', '### A database in a service');
    assert.equal(blocks.length, 3, 'entities, ddl sync/reverse, the DAO');
    project = temp.make('readme-data');
    writeLinkedProject(project, { 'src/readme.ts': programOf(blocks) });
    const compiled = compileProject(project);
    assert.equal(compiled.code, 0, `the README examples do not compile:\n${compiled.output}`);
  });
  after(() => temp.removeAll());

  describeOnDatabases('run as written', (schema) => {
    it('create the tables, reverse them, and run every DAO call shown', async () => {
      const run = await runNodeScript([path.join(project, 'dist', 'readme.js')], { cwd: project, env: schema().env });
      assert.equal(run.code, 0, run.output);
      const last = JSON.parse(run.output.trim().split('\n').at(-1) ?? '') as { statements: number; total: number; quantity: number };
      assert.ok(last.statements > 0, 'the dry run listed CREATE statements');
      assert.equal(last.total, 1, 'the page found the order');
      assert.equal(last.quantity, 4, 'update to 3, then +1 in the transaction');
      assert.ok(existsSync(path.join(project, 'src', 'entities', 'orders.ts')), 'reverse wrote src/entities/orders.ts');
    });
  });
});
