import assert from 'node:assert/strict';
import type { Class } from '../../lib/decorators/class-type';
import { ConfigError } from '../../lib/errors';
import { describeService } from '../../lib/decorators/describe';
import type { ServiceDescriptor } from '../../lib/decorators/descriptors';
import { Body, Ctx, Path, Query } from '../../lib/decorators/params';
import { Prop } from '../../lib/decorators/prop';
import { Delete, Get, Patch, Post, Put } from '../../lib/decorators/routes';
import { Service, unregisterService } from '../../lib/decorators/service';
import { throwsCode } from '../support/errors';

/* Classes here only exercise describeService: keep them out of the global service list other specs read. */
function unlisted<T extends Class>(cls: T): T {
  unregisterService(cls);
  return cls;
}

class User {
  @Prop() id!: number;
  @Prop() name!: string;
}

const notImplemented = (): never => {
  throw new Error('not implemented');
};

@Service({ name: 'usersvc', path: '/v1/', tags: ['users'], description: 'Users' })
class UserContract {
  @Post({ returns: [User], summary: 'Page', description: 'Pages users', deprecated: true })
  async pageUsers(@Query() page: number): Promise<User[]> {
    return notImplemented();
  }

  @Get('/users/:id', { returns: User })
  async getUser(@Path('id') id: number): Promise<User> {
    return notImplemented();
  }

  @Get({ returns: [User], tags: ['groups'] })
  async getGroupUsers_Group(@Path() group: string): Promise<User[]> {
    return notImplemented();
  }

  @Put() async putUser(@Body() user: User): Promise<void> {
    return notImplemented();
  }
  @Patch() async patchUser(@Body() user: User): Promise<void> {
    return notImplemented();
  }
  @Delete('users/:id/') async removeUser(@Path() id: number): Promise<void> {
    return notImplemented();
  }
  @Post() async getReport(@Ctx() ctx: object): Promise<void> {
    return notImplemented();
  }

  /** Not decorated: not a route. */
  helper(): number {
    return 1;
  }
}
unlisted(UserContract);

class UserImpl extends UserContract {
  override async getUser(id: number): Promise<User> {
    return { id, name: 'n' };
  }
}

describe('describeService', () => {
  let d: ServiceDescriptor;
  before(() => {
    d = describeService(UserContract);
  });
  const route = (op: string) => {
    const r = d.routes.find((x) => x.operationId === op);
    assert.ok(r, `route ${op}`);
    return r;
  };

  it('takes name, root path and description from @Service', () => {
    assert.equal(d.name, 'usersvc');
    assert.equal(d.rootPath, '/v1');
    assert.equal(d.description, 'Users');
    assert.equal(d.target, UserContract);
  });

  it('makes one route per decorated method, in declaration order, and none for undecorated ones', () => {
    assert.deepEqual(
      d.routes.map((r) => r.operationId),
      ['pageUsers', 'getUser', 'getGroupUsers_Group', 'putUser', 'patchUser', 'removeUser', 'getReport'],
    );
  });

  it('derives method and path from the method name when no path is given', () => {
    assert.deepEqual([route('pageUsers').method, route('pageUsers').path], ['POST', '/page/users']);
    assert.deepEqual([route('getGroupUsers_Group').method, route('getGroupUsers_Group').path], ['GET', '/group/users/:group']);
    assert.deepEqual([route('putUser').method, route('putUser').path], ['PUT', '/user']);
    assert.deepEqual([route('patchUser').method, route('patchUser').path], ['PATCH', '/user']);
  });

  it('lets the decorator verb win and keeps a different leading verb in the path', () => {
    assert.deepEqual([route('getReport').method, route('getReport').path], ['POST', '/get/report']);
  });

  it('uses an explicit path, normalised to one leading and no trailing slash', () => {
    assert.equal(route('getUser').path, '/users/:id');
    assert.deepEqual([route('removeUser').method, route('removeUser').path], ['DELETE', '/users/:id']);
  });

  it('records summary, description, deprecation and tags (service tags by default)', () => {
    const r = route('pageUsers');
    assert.equal(r.summary, 'Page');
    assert.equal(r.description, 'Pages users');
    assert.equal(r.deprecated, true);
    assert.deepEqual(r.tags, ['users']);
    assert.deepEqual(route('getGroupUsers_Group').tags, ['groups']);
  });

  it('describes the 200 response from returns, and no schema (204) without it', () => {
    assert.deepEqual(route('getUser').response.schema, { $ref: '#/components/schemas/User' });
    assert.deepEqual(route('pageUsers').response.schema, { type: 'array', items: { $ref: '#/components/schemas/User' } });
    assert.equal(route('putUser').response.schema, undefined);
    assert.equal(route('putUser').response.file, undefined);
  });

  it('lists every DTO met as a component schema', () => {
    assert.deepEqual(Object.keys(d.schemas), ['User']);
    assert.deepEqual(d.schemas.User, {
      type: 'object',
      properties: { id: { type: 'number' }, name: { type: 'string' } },
      required: ['id', 'name'],
    });
  });

  it('is deeply frozen', () => {
    assert.ok(Object.isFrozen(d));
    assert.ok(Object.isFrozen(d.routes));
    assert.ok(Object.isFrozen(d.routes[0].params[0].schema));
    assert.ok(Object.isFrozen(d.schemas.User.properties));
    assert.throws(() => {
      (d.routes as unknown as unknown[]).push(1);
    }, TypeError);
  });

  it('is memoized per class', () => {
    assert.equal(describeService(UserContract), d);
  });

  it('sets a Ctx parameter to the Koa context', () => {
    assert.deepEqual(route('getReport').params, [{ index: 0, name: '', in: 'context', schema: {}, required: true }]);
  });

  describe('contract and implementation (svc.go / svcimpl.go)', () => {
    let impl: ServiceDescriptor;
    before(() => {
      impl = describeService(UserImpl);
    });

    it('finds the routes and @Service of the contract from the implementation', () => {
      assert.equal(impl.name, 'usersvc');
      assert.equal(impl.target, UserImpl);
      assert.deepEqual(
        impl.routes.map((r) => r.operationId),
        d.routes.map((r) => r.operationId),
      );
    });

    it('binds parameters declared on the contract for overridden methods', () => {
      const getUser = impl.routes.find((r) => r.operationId === 'getUser');
      assert.deepEqual(
        getUser?.params.map((p) => [p.in, p.name, p.coerce]),
        [['path', 'id', 'number']],
      );
    });

    it('accepts @Service on the implementation only', () => {
      class Contract {
        @Get('/ping') async ping(): Promise<void> {
          return notImplemented();
        }
      }
      @Service('pingsvc')
      class Impl extends Contract {}
      unlisted(Impl);
      const x = describeService(Impl);
      assert.equal(x.name, 'pingsvc');
      assert.deepEqual(
        x.routes.map((r) => `${r.method} ${r.path}`),
        ['GET /ping'],
      );
    });

    it('merges @Service options, the implementation winning field by field', () => {
      @Service({ name: 'a', description: 'from contract', path: '/c' })
      class Contract {
        @Get('/x') async x(): Promise<void> {
          return notImplemented();
        }
      }
      @Service({ name: 'b' })
      class Impl extends Contract {}
      unlisted(Contract);
      unlisted(Impl);
      const x = describeService(Impl);
      assert.deepEqual([x.name, x.description, x.rootPath], ['b', 'from contract', '/c']);
    });

    it('lets a subclass re-decorate a method to replace the inherited route', () => {
      @Service('s')
      class Contract {
        @Get('/old') async x(): Promise<void> {
          return notImplemented();
        }
        @Get('/y') async y(): Promise<void> {
          return notImplemented();
        }
      }
      class Impl extends Contract {
        @Post('/new') override async x(): Promise<void> {
          return undefined;
        }
      }
      unlisted(Contract);
      const x = describeService(Impl);
      assert.deepEqual(
        x.routes.map((r) => `${r.operationId} ${r.method} ${r.path}`),
        ['x POST /new', 'y GET /y'],
      );
    });
  });

  describe('describe-time errors', () => {
    it('refuses a class without @Service (NOT_A_SERVICE)', () => {
      class Plain {}
      throwsCode(() => describeService(Plain), ConfigError, 'NOT_A_SERVICE', 'Plain');
    });

    it('refuses two routes on one method and path, naming both methods (DUPLICATE_ROUTE)', () => {
      @Service('dup')
      class Dup {
        @Get('/users/:id') async first(@Path() id: string): Promise<void> {
          return notImplemented();
        }
        @Get('/users/:key') async second(@Path() key: string): Promise<void> {
          return notImplemented();
        }
      }
      unlisted(Dup);
      throwsCode(() => describeService(Dup), ConfigError, 'DUPLICATE_ROUTE', 'first', 'second', 'GET');
    });

    it('refuses a path variable without a @Path parameter (UNBOUND_PATH_VARIABLE)', () => {
      @Service('s')
      class S {
        @Get('/users/:id') async getIt(): Promise<void> {
          return notImplemented();
        }
      }
      unlisted(S);
      throwsCode(() => describeService(S), ConfigError, 'UNBOUND_PATH_VARIABLE', 'S.getIt', ':id');
    });

    it('checks path variables of the service path too', () => {
      @Service({ name: 's', path: '/tenants/:tenant' })
      class S {
        @Get('/users') async list(): Promise<void> {
          return notImplemented();
        }
      }
      unlisted(S);
      throwsCode(() => describeService(S), ConfigError, 'UNBOUND_PATH_VARIABLE', ':tenant');
    });

    it('refuses a @Path parameter the path does not name (UNKNOWN_PATH_PARAMETER)', () => {
      @Service('s')
      class S {
        @Get('/users') async list(@Path() id: string): Promise<void> {
          return notImplemented();
        }
      }
      unlisted(S);
      throwsCode(() => describeService(S), ConfigError, 'UNKNOWN_PATH_PARAMETER', 'S.list', 'id');
    });

    it('refuses { file: true } together with returns (CONFLICTING_RESPONSE)', () => {
      @Service('s')
      class S {
        @Get('/f', { file: true, returns: String }) async f(): Promise<void> {
          return notImplemented();
        }
      }
      unlisted(S);
      throwsCode(() => describeService(S), ConfigError, 'CONFLICTING_RESPONSE', 'S.f');
    });

    it('records the media types a download declares, lower-cased, and refuses none or a malformed one', () => {
      @Service('s')
      class S {
        @Get('/a', { file: { mediaTypes: ['image/PNG', 'image/*'] } }) async a(): Promise<void> {
          return notImplemented();
        }
      }
      unlisted(S);
      assert.deepEqual(describeService(S).routes[0]?.response, {
        file: true,
        mediaTypes: ['image/png', 'image/*'],
        description: 'The file',
      });
      for (const mediaTypes of [[], ['png'], ['text/csv; charset=utf-8']]) {
        @Service('t')
        class T {
          @Get('/f', { file: { mediaTypes } }) async f(): Promise<void> {
            return notImplemented();
          }
        }
        unlisted(T);
        throwsCode(() => describeService(T), ConfigError, 'CONFLICTING_RESPONSE', 'T.f', 'mediaTypes');
      }
    });

    it('does not memoize a failure: the same error comes again', () => {
      class Plain {}
      throwsCode(() => describeService(Plain), ConfigError, 'NOT_A_SERVICE');
      throwsCode(() => describeService(Plain), ConfigError, 'NOT_A_SERVICE');
    });
  });
});
