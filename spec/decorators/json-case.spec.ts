import assert from 'node:assert/strict';
import { ConfigError } from '../../lib/errors';
import { describeService } from '../../lib/decorators/describe';
import { toLowerCamelCase, toSnakeCase, wireNameOf } from '../../lib/decorators/json-case';
import { Body } from '../../lib/decorators/params';
import { Prop } from '../../lib/decorators/prop';
import { Post } from '../../lib/decorators/routes';
import { Contract } from '../../lib/decorators/service';
import type { JsonCase } from '../../lib/decorators/json-case';
import { throwsCode } from '../support/errors';

const notImplemented = (): never => {
  throw new Error('not implemented');
};

class Node {
  @Prop() nodeName!: string;
  @Prop({ type: [Node], optional: true }) childNodes?: Node[];
}

class Account {
  @Prop() userID!: string;
  @Prop({ optional: true }) displayName?: string;
  @Prop({ name: 'e-mail' }) emailAddress!: string;
  @Prop({ integer: true, default: 10 }) pageSize!: number;
  @Prop() id!: number;
}

@Contract('accounts')
class AccountContract {
  @Post('/accounts', { returns: Account })
  saveAccount(@Body() account: Account): Promise<Account> {
    return notImplemented();
  }

  @Post('/trees', { returns: Node })
  saveTree(@Body() tree: Node): Promise<Node> {
    return notImplemented();
  }
}

describe('decorators/json-case', () => {
  describe('toSnakeCase (the rules of go-doudou name --case snake)', () => {
    const cases: [string, string][] = [
      ['pageSize', 'page_size'],
      ['userID', 'user_id'],
      ['parseHTTPResponse', 'parse_http_response'],
      ['HTTPServer', 'http_server'],
      ['line2Total', 'line2_total'],
      ['id', 'id'],
      ['already_snake', 'already_snake'],
    ];
    for (const [name, snake] of cases) it(`${name} → ${snake}`, () => assert.equal(toSnakeCase(name), snake));
  });

  it('toLowerCamelCase turns a snake_case wire name into a property name', () => {
    assert.equal(toLowerCamelCase('page_size'), 'pageSize');
    assert.equal(toLowerCamelCase('line2_total'), 'line2Total');
    assert.equal(toLowerCamelCase('id'), 'id');
  });

  it('wireNameOf: an explicit name wins over the case', () => {
    assert.equal(wireNameOf('pageSize', 'snake'), 'page_size');
    assert.equal(wireNameOf('pageSize', 'lowerCamel'), 'pageSize');
    assert.equal(wireNameOf('pageSize', 'snake', 'size'), 'size');
  });

  describe('describeService(cls, { jsonCase })', () => {
    it('keys component properties and required lists by wire name, and records the renamed ones', () => {
      const d = describeService(AccountContract, { jsonCase: 'snake' });
      assert.equal(d.jsonCase, 'snake');
      assert.deepEqual(Object.keys(d.schemas.Account.properties ?? {}), ['user_id', 'display_name', 'e-mail', 'page_size', 'id']);
      assert.deepEqual(d.schemas.Account.required, ['user_id', 'e-mail', 'id']);
      assert.deepEqual(d.propertyNames?.Account, {
        user_id: 'userID',
        display_name: 'displayName',
        'e-mail': 'emailAddress',
        page_size: 'pageSize',
      });
      assert.deepEqual(d.propertyNames?.Node, { node_name: 'nodeName', child_nodes: 'childNodes' });
    });

    it('describes lowerCamel by default, renaming only explicit names', () => {
      const d = describeService(AccountContract);
      assert.equal(d.jsonCase, 'lowerCamel');
      assert.deepEqual(Object.keys(d.schemas.Account.properties ?? {}), ['userID', 'displayName', 'e-mail', 'pageSize', 'id']);
      assert.deepEqual(d.propertyNames, { Account: { 'e-mail': 'emailAddress' } });
    });

    it('keeps one frozen descriptor per case', () => {
      assert.equal(describeService(AccountContract, { jsonCase: 'snake' }), describeService(AccountContract, { jsonCase: 'snake' }));
      assert.notEqual(describeService(AccountContract, { jsonCase: 'snake' }), describeService(AccountContract));
      assert.ok(Object.isFrozen(describeService(AccountContract, { jsonCase: 'snake' }).propertyNames));
    });

    it("the service's own jsonCase wins over the option", () => {
      @Contract({ name: 'snakes', jsonCase: 'snake' })
      class SnakeContract {
        @Post('/accounts', { returns: Account })
        saveAccount(@Body() account: Account): Promise<Account> {
          return notImplemented();
        }
      }
      assert.equal(describeService(SnakeContract, { jsonCase: 'lowerCamel' }).jsonCase, 'snake');
    });

    it('rejects two properties with one wire name (DUPLICATE_WIRE_NAME)', () => {
      class Clash {
        @Prop() userId!: string;
        @Prop({ name: 'user_id' }) legacyUserId!: string;
      }
      @Contract('clash')
      class ClashContract {
        @Post('/clash')
        clash(@Body() c: Clash): Promise<void> {
          return notImplemented();
        }
      }
      throwsCode(
        () => describeService(ClashContract, { jsonCase: 'snake' }),
        ConfigError,
        'DUPLICATE_WIRE_NAME',
        'Clash.userId',
        'Clash.legacyUserId',
        "'user_id'",
      );
      assert.doesNotThrow(() => describeService(ClashContract), 'in lowerCamel the two names differ');
    });

    it('rejects an unknown case (INVALID_JSON_CASE)', () => {
      @Contract({ name: 'kebab', jsonCase: 'kebab' as JsonCase })
      class KebabContract {
        @Post('/kebab')
        kebab(): Promise<void> {
          return notImplemented();
        }
      }
      throwsCode(() => describeService(KebabContract), ConfigError, 'INVALID_JSON_CASE', 'kebab', 'lowerCamel, snake');
    });
  });
});
