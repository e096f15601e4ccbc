/**
 * The sample monolith's served document, linted as a new user would lint it: Spectral with its own
 * `spectral:oas` recommended ruleset, no rule turned off. Every error and every warning is a defect.
 */
import assert from 'node:assert/strict';
import { Document, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { startMonolith, stopMonolith, type RunningMonolith } from '../support/sample-monolith';

const SEVERITY = ['error', 'warning', 'information', 'hint'];

/** Spectral as its CLI runs `extends: spectral:oas`: the recommended rules of the OpenAPI ruleset. */
async function lint(text: string): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  // the ruleset's declared type is narrower than what setRuleset accepts; it is the CLI's own ruleset object
  spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
  return spectral.run(new Document(text, Parsers.Json, 'openapi.json'));
}

function describeDiagnostic(d: ISpectralDiagnostic): string {
  return `${SEVERITY[d.severity] ?? d.severity} ${String(d.code)} at ${d.path.join('.') || '(root)'}: ${d.message}`;
}

describe('sample: the served OpenAPI document under Spectral (spectral:oas)', function () {
  this.timeout(60_000);
  let monolith: RunningMonolith | undefined;
  let text: string;

  before(async () => {
    monolith = await startMonolith();
    const res = await fetch(`${monolith.url}/go-doudou/openapi.json`);
    assert.equal(res.status, 200);
    text = await res.text();
  });
  after(() => stopMonolith(monolith));

  it('has no error and no warning (information and hints are listed, not counted)', async () => {
    const defects = (await lint(text)).filter((d) => d.severity <= 1).map(describeDiagnostic);
    assert.deepEqual(defects, []);
  });

  it('is linted for real: the same ruleset reports a document that lacks what the sample has', async () => {
    const stripped = JSON.parse(text) as { servers?: unknown; info: { contact?: unknown } };
    delete stripped.servers;
    delete stripped.info.contact;
    const codes = (await lint(JSON.stringify(stripped))).map((d) => d.code);
    assert.ok(codes.includes('oas3-api-servers') && codes.includes('info-contact'), codes.join(', '));
  });
});
