/**
 * Reading an account list (CSV with header `email,name`) for `account import`. Every row is
 * checked before anything is written, and every bad row is reported with its line number,
 * so support can fix the file in one pass.
 */
import { parse } from 'csv-parse/sync';
import { canonicalEmail } from '../core/email.js';
import { emailProblem, parseName } from './validate.js';

export interface CsvAccount {
  /** Line in the file where the row ends (1 = the header). */
  line: number;
  email: string;
  name?: string;
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  accounts: CsvAccount[];
  problems: CsvProblem[];
  /** Data rows checked; 0 when the file as a whole is unusable (bad CSV, header, empty). */
  rows: number;
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

const KNOWN_COLUMNS = ['email', 'name'];

export function parseAccountsCsv(text: string): ParsedCsv {
  let records: Parsed[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Parsed[];
  } catch (e) {
    // Malformed CSV (such as an unclosed quote): the rows after it cannot be trusted.
    const err = e as { lines?: number; message?: string };
    return { accounts: [], problems: [{ line: err.lines ?? 1, message: `not valid CSV: ${err.message}` }], rows: 0 };
  }
  const [header, ...rows] = records;
  if (!header) return { accounts: [], problems: [{ line: 1, message: 'the file is empty; expected the header email,name' }], rows: 0 };

  const columns = header.record.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !KNOWN_COLUMNS.includes(c));
  const emailAt = columns.indexOf('email');
  if (emailAt < 0 || unknown.length > 0 || new Set(columns).size !== columns.length) {
    return {
      accounts: [],
      problems: [{ line: header.info.lines, message: `the header must be email,name, got ${header.record.join(',')}` }],
      rows: 0,
    };
  }
  const nameAt = columns.indexOf('name');
  if (rows.length === 0)
    return { accounts: [], problems: [{ line: header.info.lines, message: 'the file has a header but no rows' }], rows: 0 };

  const accounts: CsvAccount[] = [];
  const problems: CsvProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const problem = rowProblem(record, columns.length, emailAt, nameAt);
    if (typeof problem === 'string') {
      problems.push({ line, message: problem });
      continue;
    }
    const seen = firstLineOf.get(problem.email);
    if (seen !== undefined) {
      problems.push({ line, message: `${problem.email} is a duplicate of line ${seen}` });
      continue;
    }
    firstLineOf.set(problem.email, line);
    accounts.push({ line, ...problem });
  }
  return { accounts, problems, rows: rows.length };
}

/** The row's account, or what is wrong with it. */
function rowProblem(record: string[], width: number, emailAt: number, nameAt: number): string | { email: string; name?: string } {
  // A missing trailing name is fine (spreadsheets drop empty last cells); extra fields are not.
  if (record.length > width) return `expected ${width} field${width > 1 ? 's' : ''}, found ${record.length}`;
  const email = canonicalEmail(record[emailAt] ?? '');
  const bad = emailProblem(email);
  if (bad) return bad;
  const rawName = nameAt >= 0 ? (record[nameAt] ?? '').trim() : '';
  if (rawName === '') return { email };
  try {
    return { email, name: parseName(rawName, 'name') };
  } catch (e) {
    return (e as Error).message;
  }
}
