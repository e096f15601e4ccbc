import assert from 'node:assert/strict';
import { DeclaredError } from '../../lib/decorators/declared-error';
import { describeService } from '../../lib/decorators/describe';
import type { ErrorResponseOptions } from '../../lib/decorators/schema-options';
import { Prop } from '../../lib/decorators/prop';
import { Post } from '../../lib/decorators/routes';
import { Service, unregisterService } from '../../lib/decorators/service';
import { ConfigError, HttpError } from '../../lib/errors';
import { throwsCode } from '../support/errors';

const notImplemented = (): never => {
  throw new Error('not implemented');
};

class Conflict {
  @Prop({ integer: true }) existingId!: number;
}

/** A one-route service declaring `errors`. */
function serviceWith(errors: readonly ErrorResponseOptions[]) {
  @Service('s')
  class S {
    @Post('/x', { errors }) async x(): Promise<void> {
      return notImplemented();
    }
  }
  unregisterService(S);
  return S;
}

describe('describeService: declared errors', () => {
  it('normalises each declaration: one status, its codes, a description, the details schema', () => {
    const Taken = new DeclaredError({ status: 409, code: 'NAME_TAKEN', description: 'The name is taken', details: Conflict });
    const route = describeService(serviceWith([Taken, { status: 404, code: ['A_GONE', 'B_GONE'] }])).routes[0];
    assert.deepEqual(route.errors, [
      { status: 409, codes: ['NAME_TAKEN'], description: 'The name is taken', details: { $ref: '#/components/schemas/Conflict' } },
      { status: 404, codes: ['A_GONE', 'B_GONE'], description: 'A_GONE or B_GONE' },
    ]);
    assert.ok(describeService(serviceWith([Taken])).schemas.Conflict, 'the details DTO becomes a component schema');
  });

  it('gives routes without errors an empty list', () => {
    assert.deepEqual(describeService(serviceWith([])).routes[0].errors, []);
  });

  it('refuses a status outside 400–599, a missing code, one code under two statuses, a framework code elsewhere (INVALID_ERROR_RESPONSE)', () => {
    throwsCode(() => describeService(serviceWith([{ status: 302, code: 'MOVED' }])), ConfigError, 'INVALID_ERROR_RESPONSE', 'S.x', '302');
    throwsCode(() => describeService(serviceWith([{ status: 422, code: [] }])), ConfigError, 'INVALID_ERROR_RESPONSE', 'errors[0]');
    throwsCode(
      () =>
        describeService(
          serviceWith([
            { status: 404, code: 'GONE' },
            { status: 410, code: 'GONE' },
          ]),
        ),
      ConfigError,
      'INVALID_ERROR_RESPONSE',
      'errors[1]',
      'GONE',
    );
    throwsCode(
      () => describeService(serviceWith([{ status: 422, code: 'VALIDATION_FAILED' }])),
      ConfigError,
      'INVALID_ERROR_RESPONSE',
      '400',
    );
  });

  it('accepts a framework code under its own status (a handler may answer it too)', () => {
    assert.deepEqual(describeService(serviceWith([{ status: 400, code: 'VALIDATION_FAILED' }])).routes[0].errors[0].codes, [
      'VALIDATION_FAILED',
    ]);
  });
});

describe('DeclaredError', () => {
  const UnknownUser = new DeclaredError<'UNKNOWN_USER', { userId: number }>({ status: 422, code: 'UNKNOWN_USER' });

  it('makes the HttpError to throw, with its status and code', () => {
    const err = UnknownUser.error('user 7 does not exist', { userId: 7 });
    assert.ok(err instanceof HttpError);
    assert.deepEqual([err.status, err.code, err.message, err.details], [422, 'UNKNOWN_USER', 'user 7 does not exist', { userId: 7 }]);
  });

  it('matches an HttpError with its status and code, and nothing else', () => {
    assert.equal(UnknownUser.matches(new HttpError(422, 'UNKNOWN_USER', 'x')), true);
    assert.equal(UnknownUser.matches(new HttpError(404, 'UNKNOWN_USER', 'x')), false);
    assert.equal(UnknownUser.matches(new HttpError(422, 'OTHER', 'x')), false);
    assert.equal(UnknownUser.matches(Object.assign(new Error('x'), { status: 422, code: 'UNKNOWN_USER' })), false);
  });
});
