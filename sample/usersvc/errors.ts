import { DeclaredError } from '../../lib';

/** The errors usersvc answers with besides ts-doudou's own; the contract declares them on its routes. */
export const UserNotFound = new DeclaredError({ status: 404, code: 'USER_NOT_FOUND', description: 'No user has this id' });

export const FileNotFound = new DeclaredError({ status: 404, code: 'FILE_NOT_FOUND', description: 'No file was uploaded under this name' });
