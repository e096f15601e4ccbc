import { Injectable } from '../../lib';

/** Uploaded files kept in memory, by name. Bounded so the sample cannot be filled up. */
@Injectable()
export class FileStore {
  static readonly maxFiles = 100;
  private readonly files = new Map<string, Buffer>();

  put(name: string, data: Buffer): void {
    if (!this.files.has(name) && this.files.size >= FileStore.maxFiles) {
      const oldest = this.files.keys().next().value as string;
      this.files.delete(oldest);
    }
    this.files.set(name, data);
  }

  get(name: string): Buffer | undefined {
    return this.files.get(name);
  }
}
