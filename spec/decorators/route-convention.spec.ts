import assert from 'node:assert/strict';
import { misspeltVerb, pathFromMethodName, routeFromMethodName, splitWords } from '../../lib/decorators/route-convention';

describe('routeFromMethodName (go-doudou v2 convention)', () => {
  // go-doudou v2's worked examples (docs/go-doudou-differences.md#route-convention), on camelCase TS names.
  const table: ReadonlyArray<[string, string, string]> = [
    ['pageUsers', 'POST', '/page/users'],
    ['getUser', 'GET', '/user'],
    ['getBooks_Id', 'GET', '/books/:id'],
    ['getShelves_ShelfBooks_Book', 'GET', '/shelves/:shelf/books/:book'],
    ['postUpload', 'POST', '/upload'],
    ['deleteUser', 'DELETE', '/user'],
    ['publicSignUp', 'POST', '/public/sign/up'],
    ['greeting', 'POST', '/greeting'],
    ['get', 'GET', '/'],
    ['apiV1Query_range', 'POST', '/api/v1/query_range'],
  ];
  for (const [name, method, path] of table) {
    it(`maps ${name} to ${method} ${path}`, () => {
      assert.deepEqual(routeFromMethodName(name), { method, path });
    });
  }

  it('keeps acronyms whole instead of splitting every capital', () => {
    assert.deepEqual(routeFromMethodName('getUserID'), { method: 'GET', path: '/user/id' });
    assert.deepEqual(routeFromMethodName('parseHTTPRequest'), { method: 'POST', path: '/parse/http/request' });
    assert.deepEqual(routeFromMethodName('getUserIDs'), { method: 'GET', path: '/user/ids' });
    assert.deepEqual(routeFromMethodName('getHTTP2Settings'), { method: 'GET', path: '/http2/settings' });
  });

  it('reads put and patch as verbs too', () => {
    assert.deepEqual(routeFromMethodName('putUser'), { method: 'PUT', path: '/user' });
    assert.deepEqual(routeFromMethodName('patchUser_Id'), { method: 'PATCH', path: '/user/:id' });
  });

  it('only takes a whole first word as the verb', () => {
    assert.deepEqual(routeFromMethodName('getaway'), { method: 'POST', path: '/getaway' });
    assert.deepEqual(routeFromMethodName('posterImages'), { method: 'POST', path: '/poster/images' });
  });

  it('makes an acronym after an underscore a one-word path variable', () => {
    assert.deepEqual(routeFromMethodName('getUser_ID'), { method: 'GET', path: '/user/:id' });
    assert.deepEqual(routeFromMethodName('getBooks_BookId'), { method: 'GET', path: '/books/:book/id' });
  });

  it('keeps an underscore before a lowercase word literal', () => {
    assert.deepEqual(routeFromMethodName('getUser_id'), { method: 'GET', path: '/user_id' });
  });

  it('accepts PascalCase names as go-doudou writes them', () => {
    assert.deepEqual(routeFromMethodName('GetBooks_Id'), { method: 'GET', path: '/books/:id' });
  });
});

describe('pathFromMethodName (verb-specific decorators)', () => {
  it('drops a leading verb that matches the decorator verb', () => {
    assert.equal(pathFromMethodName('getUser', 'GET'), '/user');
    assert.equal(pathFromMethodName('deleteUser_Id', 'DELETE'), '/user/:id');
  });

  it('keeps a leading verb that differs from the decorator verb', () => {
    assert.equal(pathFromMethodName('getUser', 'POST'), '/get/user');
  });

  it('uses the whole name when there is no leading verb', () => {
    assert.equal(pathFromMethodName('pageUsers', 'GET'), '/page/users');
    assert.equal(pathFromMethodName('get', 'GET'), '/');
  });
});

describe('splitWords', () => {
  it('splits camelCase with acronyms and digits', () => {
    assert.deepEqual(splitWords('parseHTTPRequestV2'), ['parse', 'HTTP', 'Request', 'V2']);
    assert.deepEqual(splitWords(''), []);
  });
});

describe('misspeltVerb', () => {
  it('names the verb a first word is one edit away from: swapped, missing, extra or wrong letter', () => {
    assert.deepEqual(misspeltVerb('gteUser'), { word: 'gte', verb: 'get' });
    assert.deepEqual(misspeltVerb('delteUser'), { word: 'delte', verb: 'delete' });
    assert.deepEqual(misspeltVerb('puttUser'), { word: 'putt', verb: 'put' });
    assert.deepEqual(misspeltVerb('pacthUser'), { word: 'pacth', verb: 'patch' });
    assert.deepEqual(misspeltVerb('gxtUser'), { word: 'gxt', verb: 'get' });
  });

  it('leaves real verbs and ordinary words alone', () => {
    for (const name of ['getUser', 'postOrder', 'pageUsers', 'listUsers', 'uploadFile', 'query', 'Get_Id']) {
      assert.equal(misspeltVerb(name), undefined, name);
    }
  });
});
