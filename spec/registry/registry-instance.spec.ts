import { strict as assert } from 'node:assert';
import { baseUrlOf, plainServiceName, registeredName } from '../../lib/registry/registry-instance';
import type { ServiceInfo } from '../../lib/registry/node-meta';

const svc = (over: Partial<ServiceInfo>): ServiceInfo => ({
  name: 'usersvc_rest',
  host: '10.0.0.1',
  port: 6060,
  routeRootPath: '',
  type: 'rest',
  ...over,
});

describe('registry/registry-instance', () => {
  it('names services like go-doudou: usersvc → usersvc_rest, full names kept', () => {
    assert.equal(registeredName('usersvc'), 'usersvc_rest');
    assert.equal(registeredName('usersvc', 'grpc'), 'usersvc_grpc');
    assert.equal(registeredName('usersvc_grpc'), 'usersvc_grpc');
    assert.equal(registeredName('usersvc_rest', 'grpc'), 'usersvc_rest');
    assert.equal(plainServiceName('usersvc_rest'), 'usersvc');
    assert.equal(plainServiceName('my_svc'), 'my_svc');
  });

  it('builds http://host:port<routeRootPath> for REST and host:port for gRPC', () => {
    assert.equal(baseUrlOf(svc({ routeRootPath: '/api' }), 'x'), 'http://10.0.0.1:6060/api');
    assert.equal(baseUrlOf(svc({ routeRootPath: '/api/' }), 'x'), 'http://10.0.0.1:6060/api');
    assert.equal(baseUrlOf(svc({ routeRootPath: 'api' }), 'x'), 'http://10.0.0.1:6060/api');
    assert.equal(baseUrlOf(svc({ routeRootPath: '/' }), 'x'), 'http://10.0.0.1:6060');
    assert.equal(baseUrlOf(svc({ type: 'grpc', port: 50051, routeRootPath: '/ignored' }), 'x'), '10.0.0.1:50051');
  });

  it('falls back to the gossip address without host and brackets IPv6', () => {
    assert.equal(baseUrlOf(svc({ host: '' }), '192.168.1.5'), 'http://192.168.1.5:6060');
    assert.equal(baseUrlOf(svc({ host: 'fd00::1' }), 'x'), 'http://[fd00::1]:6060');
  });
});
