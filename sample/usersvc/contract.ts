import { Contract, Get, Post, Put, Delete, Body, Path, Form, UploadedFile, FileResult, type UploadedFileInfo } from '../../lib';
import { NewUser, PageQuery, UploadResult, User, UserPage } from './dto';
import { FileNotFound, UserNotFound } from './errors';

const notImplemented = (): never => {
  throw new Error('not implemented: this is the contract, serve UserServiceImpl');
};

/**
 * The user service contract (go-doudou's svc.go). Servers serve the implementation; other services build
 * a typed client from this class without importing the implementation.
 */
@Contract({ name: 'usersvc', description: 'Users: paged listing, CRUD, avatar upload and download' })
export class UserServiceContract {
  /** POST /page/users by go-doudou's naming convention. */
  @Post({
    returns: UserPage,
    summary: 'Page through users',
    description: 'One page of users ordered by id, optionally only those whose name contains a text; page and size have defaults.',
  })
  async pageUsers(@Body() query: PageQuery): Promise<UserPage> {
    return notImplemented();
  }

  @Get('/users/:id', {
    returns: User,
    summary: 'Get one user',
    description: 'The user with this id; 404 USER_NOT_FOUND when there is none.',
    errors: [UserNotFound],
  })
  async getUser(@Path('id', { integer: true, minimum: 1 }) id: number): Promise<User> {
    return notImplemented();
  }

  @Post('/users', {
    returns: User,
    summary: 'Create a user',
    description: 'Stores a new user and answers it with its assigned id and creation time.',
  })
  async createUser(@Body() user: NewUser): Promise<User> {
    return notImplemented();
  }

  @Put('/users/:id', {
    returns: User,
    summary: 'Replace a user',
    description: 'Replaces name and email of an existing user; 404 USER_NOT_FOUND when there is none.',
    errors: [UserNotFound],
  })
  async updateUser(@Path('id', { integer: true, minimum: 1 }) id: number, @Body() user: NewUser): Promise<User> {
    return notImplemented();
  }

  @Delete('/users/:id', {
    summary: 'Delete a user',
    description: 'Deletes the user; 204 without a body, 404 USER_NOT_FOUND when there is none.',
    errors: [UserNotFound],
  })
  async deleteUser(@Path('id', { integer: true, minimum: 1 }) id: number): Promise<void> {
    return notImplemented();
  }

  @Post('/files', {
    returns: UploadResult,
    summary: 'Upload a file',
    description: 'Multipart upload of one file (field `file`) with an optional note; kept in memory for download by its name.',
  })
  async uploadFile(@UploadedFile('file') file: UploadedFileInfo, @Form('note', { optional: true }) note?: string): Promise<UploadResult> {
    return notImplemented();
  }

  @Get('/files/:name', {
    file: true,
    summary: 'Download a file uploaded before',
    description: 'The bytes of a file uploaded before, as an attachment; 404 FILE_NOT_FOUND when there is none.',
    errors: [FileNotFound],
  })
  async downloadFile(@Path('name') name: string): Promise<FileResult> {
    return notImplemented();
  }
}
