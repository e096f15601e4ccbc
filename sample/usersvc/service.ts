import { readFile } from 'node:fs/promises';
import { FileResult, Service, type UploadedFileInfo } from '../../lib';
import { UserServiceContract } from './contract';
import { NewUser, PageQuery, UploadResult, User, UserPage } from './dto';
import { FileNotFound, UserNotFound } from './errors';
import { FileStore } from './file-store';
import { UserStore } from './user-store';

/**
 * The implementation (go-doudou's svcimpl.go): routes, validation and docs come from the contract. Users are
 * in a UserStore: memory, or a database with GDD_DB_DRIVER (see user-store-provider.ts).
 */
@Service('usersvc')
export class UserServiceImpl extends UserServiceContract {
  constructor(
    private readonly users: UserStore,
    private readonly files: FileStore,
  ) {
    super();
  }

  override async pageUsers(query: PageQuery): Promise<UserPage> {
    return this.users.page(query);
  }

  override async getUser(id: number): Promise<User> {
    return (await this.users.get(id)) ?? notFound(id);
  }

  override async createUser(user: NewUser): Promise<User> {
    return this.users.create(user);
  }

  override async updateUser(id: number, user: NewUser): Promise<User> {
    return (await this.users.replace(id, user)) ?? notFound(id);
  }

  override async deleteUser(id: number): Promise<void> {
    if (!(await this.users.delete(id))) notFound(id);
  }

  override async uploadFile(file: UploadedFileInfo, note?: string): Promise<UploadResult> {
    const data = await readFile(file.path);
    this.files.put(file.fileName, data);
    return { fileName: file.fileName, size: data.length, note };
  }

  override async downloadFile(name: string): Promise<FileResult> {
    const data = this.files.get(name);
    if (!data) throw FileNotFound.error(`no file named ${name}`);
    return new FileResult(data, name);
  }
}

function notFound(id: number): never {
  throw UserNotFound.error(`no user with id ${id}`);
}
