import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { ServiceContext } from '../context';

const dialect = new SQLiteAsyncDialect();

/**
 * Runs a dashboard read on the read connection, its statement prepared once per SQL text
 * (db/client.ts): these queries walk thousands of index entries, where that connection's larger
 * cache and memory map pay off. Column names come from the Drizzle tables in each query.
 */
export async function readAll<T>(ctx: ServiceContext, query: SQL): Promise<T[]> {
  const { sql, params } = dialect.sqlToQuery(query);
  return (await ctx.read.all(sql, params as never[])) as T[];
}
