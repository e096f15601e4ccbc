/** A service whose handler calls another service through a client: checks request-id propagation. */
import { Contract, Get, Service } from '../../../lib/decorators';
import { unregisterService } from '../../../lib/decorators/service';
import type { Client } from '../../../lib/client';
import { EchoContract, RequestEcho } from './echo-service';

@Contract('relaysvc')
export class RelayContract {
  @Get('/relay', { returns: RequestEcho })
  async relay(): Promise<RequestEcho> {
    throw new Error('contract');
  }
}

@Service('relaysvc')
export class RelayService extends RelayContract {
  constructor(private readonly echo: Client<EchoContract>) {
    super();
  }

  override async relay(): Promise<RequestEcho> {
    await Promise.resolve(); // the context must survive awaits
    return this.echo.whoAmI();
  }
}

unregisterService(RelayService);
