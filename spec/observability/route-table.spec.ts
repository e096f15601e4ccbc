import assert from 'node:assert/strict';
import { renderRouteTable, ROUTE_TABLE_HEADER } from '../../lib/observability/route-table';

describe('observability/route-table', () => {
  const rows = [
    { name: 'GetUser', method: 'GET', pattern: '/api/user' },
    { name: 'PageUsers', method: 'post', pattern: '/api/page/users' },
    { name: 'GetDoc', method: 'GET', pattern: '/go-doudou/doc' },
  ];

  it('frames an aligned Name | Method | Pattern table between a header and a closing line', () => {
    const lines = renderRouteTable(rows).split('\n');
    assert.equal(lines[0], '================ Registered Routes ================');
    assert.equal(lines[lines.length - 1], '='.repeat(ROUTE_TABLE_HEADER.length));
    const table = lines.slice(1, -1);
    assert.deepEqual(table, [
      '+-----------+--------+-----------------+',
      '|   NAME    | METHOD |     PATTERN     |',
      '+-----------+--------+-----------------+',
      '| GetUser   | GET    | /api/user       |',
      '| PageUsers | POST   | /api/page/users |',
      '| GetDoc    | GET    | /go-doudou/doc  |',
      '+-----------+--------+-----------------+',
    ]);
  });

  it('keeps the rows in the order given and every line the same width', () => {
    const long = [...rows, { name: 'A'.repeat(40), method: 'DELETE', pattern: '/x' }];
    const table = renderRouteTable(long).split('\n').slice(1, -1);
    assert.equal(new Set(table.map((l) => l.length)).size, 1);
    assert.ok(table[6].startsWith(`| ${'A'.repeat(40)} | DELETE |`));
  });

  it('still prints the frame when there are no routes', () => {
    const lines = renderRouteTable([]).split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[2], '| NAME | METHOD | PATTERN |');
  });
});
