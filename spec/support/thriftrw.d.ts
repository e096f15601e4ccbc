/** The little of thriftrw (jaeger-client's Thrift library) the Jaeger agent and collector stand-ins use. */
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
    /** agent.thrift */
    Agent: { emitBatch: { argumentsMessageRW: MessageRW<{ name: string; body: { batch: unknown } }> } };
    /** jaeger.thrift */
    Batch: { rw: MessageRW<unknown> };
  }
}
