/**
 * A service whose failures the spec controls: per instance it counts calls and fails the next N calls of
 * each route with a chosen status, or holds answers until released.
 */
import { unregisterService } from '../../../lib/decorators/service';
import { Contract, Get, Post, Prop, Query, Service } from '../../../lib/decorators';
import { HttpError } from '../../../lib/errors';

export class Served {
  @Prop()
  instance!: string;

  @Prop({ integer: true })
  call!: number;
}

const notImplemented = (): never => {
  throw new Error('contract');
};

@Contract('faultsvc')
export class FaultContract {
  @Get('/read', { returns: Served })
  async read(): Promise<Served> {
    return notImplemented();
  }

  @Post('/write', { returns: Served })
  async write(@Query('note', { optional: true }) note?: string): Promise<Served> {
    return notImplemented();
  }

  @Get('/slow', { returns: Served })
  async slow(): Promise<Served> {
    return notImplemented();
  }
}

@Service('faultsvc')
export class FaultService extends FaultContract {
  calls = { read: 0, write: 0, slow: 0 };
  /** Fail this many upcoming calls with `failStatus` (all routes). */
  failNext = 0;
  failStatus = 500;
  private releaseSlow: (() => void)[] = [];

  constructor(readonly name: string) {
    super();
  }

  private answer(route: 'read' | 'write'): Served {
    this.calls[route]++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new HttpError(this.failStatus, 'INJECTED', `injected ${this.failStatus} from ${this.name}`);
    }
    return { instance: this.name, call: this.calls[route] };
  }

  override async read(): Promise<Served> {
    return this.answer('read');
  }

  override async write(): Promise<Served> {
    return this.answer('write');
  }

  /** Answers only when released (release() or the end of the spec). */
  override async slow(): Promise<Served> {
    this.calls.slow++;
    await new Promise<void>((resolve) => this.releaseSlow.push(resolve));
    return { instance: this.name, call: this.calls.slow };
  }

  release(): void {
    for (const r of this.releaseSlow.splice(0)) r();
  }

  get total(): number {
    return this.calls.read + this.calls.write + this.calls.slow;
  }
}

// Served explicitly by the specs; kept out of the global registry so App-based specs never pick it up.
unregisterService(FaultService);
