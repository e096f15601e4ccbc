import { strict as assert } from 'node:assert';
import { formatUptime, registryView } from '../../lib/registry/registry-view';
import type { RegistryInstance } from '../../lib/registry/registry-instance';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('registry/registry-view', () => {
  describe('formatUptime', () => {
    const cases: Array<[number, string]> = [
      [0, '0 seconds'],
      [999, '0 seconds'],
      [S, '1 second'],
      [59 * S, '59 seconds'],
      [M + 5 * S, '1 minute 5 seconds'],
      [3 * H + 2 * M + 59 * S, '3 hours 2 minutes'],
      [2 * D + 30 * M, '2 days'],
      [D + H, '1 day 1 hour'],
      [400 * D + 23 * H, '400 days 23 hours'],
      [-5 * S, '0 seconds'],
    ];
    for (const [ms, text] of cases) it(`says "${text}" for ${ms} ms`, () => assert.equal(formatUptime(ms), text));
  });

  it('shows suspect instances as suspect, custom data as text and no uptime without registerAt', () => {
    const inst: RegistryInstance = {
      id: 'n1',
      service: 'usersvc_rest',
      type: 'rest',
      baseUrl: 'http://10.0.0.1:6060',
      weight: 0,
      node: { name: 'n1', addr: '10.0.0.1', port: 7946 },
      state: 'suspect',
      meta: { serviceInfo: [], goVer: 'go1.22.1', gddVer: 'v2.5.0', buildUser: '', buildTime: '', weight: 0 },
      serviceInfo: {
        name: 'usersvc_rest',
        host: '',
        port: 6060,
        routeRootPath: '',
        type: 'rest',
        data: { n: 3, tags: ['a'], ok: true, s: 'x' },
      },
      lastChange: new Date(0),
    };
    const [row] = registryView([inst], 10 * S).rows;
    assert.equal(row.status, 'suspect');
    assert.equal(row.uptime, '');
    assert.equal(row.host, '10.0.0.1', 'falls back to the gossip address');
    assert.equal(row.goVer, 'go1.22.1');
    assert.equal(row.version, '');
    assert.deepEqual(row.data, { n: '3', tags: '["a"]', ok: 'true', s: 'x' });
    assert.equal(row.lastChange, '1970-01-01T00:00:00.000Z');
  });
});
