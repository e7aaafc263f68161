/**
 * Parses SQL with the optional package `node-sql-parser` (loaded on first use, so core does not carry it).
 * `undefined` when the text parses; `{ problem }` when it does not; `{ error }` when the parser is missing.
 */
type Parser = { astify(sql: string, options?: { database?: string }): unknown };
let parser: Promise<Parser | undefined> | undefined;

const dialects: Record<string, string> = {
  mysql: 'MySQL',
  postgresql: 'PostgresQL',
  sqlite: 'Sqlite',
  bigquery: 'BigQuery',
  transactsql: 'TransactSQL',
  mariadb: 'MariaDB',
};

export async function parseSql(
  sql: string,
  dialect = 'mysql',
): Promise<{ problem: string } | { error: string } | undefined> {
  const moduleName = 'node-sql-parser';
  parser ??= import(moduleName).then(
    (module: { Parser?: new () => Parser; default?: { Parser?: new () => Parser } }) => {
      const Ctor = module.Parser ?? module.default?.Parser;
      return Ctor ? new Ctor() : undefined;
    },
    () => undefined,
  );
  const instance = await parser;
  if (!instance) return { error: 'the isSql check needs the package node-sql-parser: npm install node-sql-parser' };
  const text = sql.trim().replace(/^```(?:sql)?\s*|\s*```$/g, '');
  if (text === '') return { problem: 'the response is empty' };
  try {
    instance.astify(text, { database: dialects[dialect] ?? 'MySQL' });
    return undefined;
  } catch (cause) {
    const reason = (cause as Error).message.split('\n')[0] ?? '';
    return { problem: `not valid ${dialect} SQL: ${reason.length > 160 ? `${reason.slice(0, 160)}…` : reason}` };
  }
}
