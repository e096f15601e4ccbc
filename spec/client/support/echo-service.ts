/** A contract exercising every parameter kind, and its implementation that echoes what it received. */
import { readFile } from 'node:fs/promises';
import { unregisterService } from '../../../lib/decorators/service';
import {
  Body,
  Contract,
  Delete,
  Form,
  Get,
  Header,
  Path,
  Post,
  Prop,
  Put,
  Query,
  Service,
  UploadedFile,
  FileResult,
  type UploadedFileInfo,
} from '../../../lib/decorators';
import { HttpError } from '../../../lib/errors';

export class Stamp {
  @Prop()
  label!: string;

  @Prop({ format: 'date-time' })
  at!: Date;
}

export class Timeline {
  @Prop()
  title!: string;

  @Prop({ format: 'date-time' })
  start!: Date;

  @Prop({ type: [Stamp] })
  stamps!: Stamp[];

  @Prop({ type: Stamp, optional: true, nullable: true })
  last?: Stamp | null;

  @Prop({ type: [Date], optional: true })
  moments?: Date[];
}

export class Echo {
  @Prop()
  name!: string;

  @Prop({ type: [String] })
  tags!: string[];

  @Prop({ integer: true, optional: true })
  limit?: number;

  @Prop({ optional: true })
  trace?: string;

  @Prop({ type: [String], optional: true })
  flavours?: string[];
}

export class FormEcho {
  @Prop()
  title!: string;

  @Prop({ type: [String] })
  tags!: string[];

  @Prop({ integer: true })
  count!: number;
}

export class UploadEcho {
  @Prop({ type: [String] })
  fileNames!: string[];

  @Prop({ type: [String] })
  mimeTypes!: string[];

  @Prop({ type: [String] })
  contents!: string[];

  @Prop({ optional: true })
  note?: string;
}

export class RequestEcho {
  @Prop({ optional: true })
  requestId?: string;

  @Prop({ optional: true })
  tenant?: string;
}

const notImplemented = (): never => {
  throw new Error('contract');
};

@Contract('echosvc')
export class EchoContract {
  @Get('/items/:name', { returns: Echo })
  async getItem(
    @Path('name') name: string,
    @Query('tags', { type: [String] }) tags: string[],
    @Query('limit', { integer: true, optional: true }) limit?: number,
    @Header('X-Trace', { optional: true }) trace?: string,
    @Header('X-Flavours', { type: [String], optional: true }) flavours?: string[],
  ): Promise<Echo> {
    return notImplemented();
  }

  @Post('/timelines', { returns: Timeline })
  async shiftTimeline(@Body() timeline: Timeline, @Query('days', { integer: true }) days: number): Promise<Timeline> {
    return notImplemented();
  }

  @Get('/since', { returns: 'date' })
  async since(@Query('from') from: Date): Promise<Date> {
    return notImplemented();
  }

  @Post('/forms', { returns: FormEcho })
  async submitForm(
    @Form('title') title: string,
    @Form('tags', { type: [String] }) tags: string[],
    @Form('count', { integer: true }) count: number,
  ): Promise<FormEcho> {
    return notImplemented();
  }

  @Post('/uploads', { returns: UploadEcho })
  async upload(
    @UploadedFile('files', { multiple: true }) files: UploadedFileInfo[],
    @Form('note', { optional: true }) note?: string,
  ): Promise<UploadEcho> {
    return notImplemented();
  }

  @Get('/downloads/:name', { file: true })
  async download(@Path('name') name: string): Promise<FileResult> {
    return notImplemented();
  }

  @Put('/words', { returns: String })
  async shout(@Body({ type: String }) word: string): Promise<string> {
    return notImplemented();
  }

  @Delete('/items/:name')
  async removeItem(@Path('name') name: string): Promise<void> {
    return notImplemented();
  }

  @Get('/whoami', { returns: RequestEcho })
  async whoAmI(
    @Header('X-Request-Id', { optional: true }) requestId?: string,
    @Header('X-Tenant', { optional: true }) tenant?: string,
  ): Promise<RequestEcho> {
    return notImplemented();
  }

  @Get('/teapot')
  async teapot(): Promise<void> {
    return notImplemented();
  }
}

@Service('echosvc')
export class EchoService extends EchoContract {
  removed: string[] = [];

  override async getItem(name: string, tags: string[], limit?: number, trace?: string, flavours?: string[]): Promise<Echo> {
    return { name, tags, limit, trace, flavours };
  }

  override async shiftTimeline(t: Timeline, days: number): Promise<Timeline> {
    if (!(t.start instanceof Date) && typeof t.start !== 'string') throw new Error('bad start');
    const shift = (d: Date | string): Date => new Date(new Date(d).getTime() + days * 86_400_000);
    return {
      title: t.title,
      start: shift(t.start),
      stamps: t.stamps.map((s) => ({ label: s.label, at: shift(s.at) })),
      last: t.last ? { label: t.last.label, at: shift(t.last.at) } : t.last,
      moments: t.moments?.map(shift),
    };
  }

  override async since(from: Date): Promise<Date> {
    return new Date(from.getTime() + 1000);
  }

  override async submitForm(title: string, tags: string[], count: number): Promise<FormEcho> {
    return { title, tags, count };
  }

  override async upload(files: UploadedFileInfo[], note?: string): Promise<UploadEcho> {
    const contents = await Promise.all(files.map(async (f) => (await readFile(f.path)).toString('utf8')));
    return { fileNames: files.map((f) => f.fileName), mimeTypes: files.map((f) => f.mimeType), contents, note };
  }

  override async download(name: string): Promise<FileResult> {
    if (name === 'missing') throw new HttpError(404, 'FILE_NOT_FOUND', `no file named ${name}`);
    return new FileResult(Buffer.from(`content of ${name}`), name, 'text/plain; charset=utf-8');
  }

  override async shout(word: string): Promise<string> {
    return word.toUpperCase();
  }

  override async removeItem(name: string): Promise<void> {
    this.removed.push(name);
  }

  override async whoAmI(requestId?: string, tenant?: string): Promise<RequestEcho> {
    return { requestId, tenant };
  }

  override async teapot(): Promise<void> {
    throw new HttpError(418, 'TEAPOT', 'short and stout', { spout: true });
  }
}

// Served explicitly by the specs; kept out of the global registry so App-based specs never pick it up.
unregisterService(EchoService);
