import type { CompiledQuery } from 'kysely';

/** The label queries are counted and timed under: bounded, whatever the SQL. */
export type QueryKind = 'select' | 'insert' | 'update' | 'delete' | 'ddl' | 'transaction' | 'other';

const BY_NODE: Readonly<Record<string, QueryKind>> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
  MergeQueryNode: 'update',
  CreateTableNode: 'ddl',
  AlterTableNode: 'ddl',
  DropTableNode: 'ddl',
  CreateIndexNode: 'ddl',
  DropIndexNode: 'ddl',
  CreateSchemaNode: 'ddl',
  DropSchemaNode: 'ddl',
};

const BY_KEYWORD: Readonly<Record<string, QueryKind>> = {
  select: 'select',
  with: 'select',
  show: 'select',
  insert: 'insert',
  replace: 'insert',
  update: 'update',
  delete: 'delete',
  create: 'ddl',
  alter: 'ddl',
  drop: 'ddl',
  truncate: 'ddl',
  begin: 'transaction',
  start: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
  savepoint: 'transaction',
  release: 'transaction',
};

/** From the query's operation node, or for raw SQL its first keyword. */
export function queryKindOf(query: CompiledQuery): QueryKind {
  const byNode = BY_NODE[query.query.kind];
  if (byNode !== undefined) return byNode;
  const keyword = /^\s*\(?\s*([a-z]+)/i.exec(query.sql)?.[1]?.toLowerCase();
  return (keyword !== undefined ? BY_KEYWORD[keyword] : undefined) ?? 'other';
}
