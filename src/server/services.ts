import type { Db, ReadAll, ReadRow } from '../../db/client';
import type { Config } from '../config';

/** What the HTTP layer and the pages need, created once at start and passed in. */
export interface Services {
  db: Db;
  /** hot reads (the customer page): prepared once, reused */
  readRow: ReadRow;
  readAll: ReadAll;
  config: Config;
  /** the clock: tests pass a fixed one */
  now: () => Date;
  /** the client's IP address for abuse limits (the HTTP server knows it; a Request alone does not) */
  clientIp?: (req: Request) => string | undefined;
}
