import assert from 'node:assert/strict';
import {
  readOwnParams,
  readOwnProps,
  readOwnRoutes,
  readOwnService,
  recordParam,
  recordProp,
  recordRoute,
  recordService,
  reflectConstructorParamTypes,
  reflectParamTypes,
  reflectPropType,
} from '../../lib/decorators/metadata';
import { Prop } from '../../lib/decorators/prop';
import { Get } from '../../lib/decorators/routes';

class Dependency {}
function Marker(): ClassDecorator {
  return () => undefined;
}

@Marker()
class Base {
  constructor(readonly dep: Dependency) {}
  @Prop() name!: string;
  @Get('/x') async x(a: number, b: Date): Promise<void> {
    return undefined;
  }
}
class Derived extends Base {}

describe('metadata (the one module that touches Reflect)', () => {
  it('keeps records on the class that declared them, never inherited', () => {
    assert.deepEqual([...readOwnRoutes(Base).keys()], ['x']);
    assert.deepEqual([...readOwnRoutes(Derived).keys()], []);
    assert.deepEqual(
      readOwnProps(Base).map((p) => p.name),
      ['name'],
    );
    assert.deepEqual(readOwnProps(Derived), []);
  });

  it('records and reads services, routes, params and props', () => {
    class C {}
    recordService(C, { name: 'c' });
    recordRoute(C, 'm', { method: 'GET', path: '/m', options: {} });
    recordParam(C, 'm', { index: 1, in: 'query', name: 'q', options: {} });
    recordParam(C, 'm', { index: 0, in: 'path', options: {} });
    recordProp(C, { name: 'p', options: { optional: true } });
    assert.deepEqual(readOwnService(C), { name: 'c' });
    assert.deepEqual(readOwnRoutes(C).get('m'), { method: 'GET', path: '/m', options: {} });
    assert.deepEqual(
      readOwnParams(C, 'm').map((p) => p.index),
      [1, 0],
    );
    assert.deepEqual(readOwnParams(C, 'other'), []);
    assert.deepEqual(readOwnProps(C), [{ name: 'p', options: { optional: true } }]);
    assert.equal(readOwnService(class {}), undefined);
  });

  it('reads the types tsc emitted for methods, properties and constructors', () => {
    assert.deepEqual(reflectParamTypes(Base, 'x'), [Number, Date]);
    assert.equal(reflectPropType(Base, 'name'), String);
    assert.deepEqual(reflectConstructorParamTypes(Base), [Dependency]);
    assert.equal(reflectParamTypes(Derived, 'x'), undefined);
  });
});
