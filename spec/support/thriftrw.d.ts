/** The little of thriftrw (jaeger-client's Thrift library) the Jaeger agent stand-in uses. */
declare module 'thriftrw' {
  interface ReadResult<T> {
    err: Error | null;
    value: T;
    offset: number;
  }
  interface MessageRW<T> {
    readFrom(buffer: Buffer, offset: number): ReadResult<T>;
  }
  export class Thrift {
    constructor(options: { entryPoint?: string; source?: string; allowOptionalArguments?: boolean; allowFilesystemAccess?: boolean });
    Agent: { emitBatch: { argumentsMessageRW: MessageRW<{ name: string; body: { batch: unknown } }> } };
  }
}
