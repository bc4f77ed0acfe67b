/** The shared names module: the local stack file's one format, table names from the environment, the scheme rule. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lambdas/core/config.js';
import {
  DEFAULT_TABLES,
  formatLocalStackFile,
  parseLocalStackFile,
  publicOrigin,
  schemeOf,
  tableNamesFrom,
  type LocalStackFile,
} from '../../lambdas/names.js';

const STACK: LocalStackFile = {
  dynamodbEndpoint: 'http://127.0.0.1:8000',
  directoryTable: 'd',
  loginTable: 'l',
  sessionTable: 's',
  eventsTable: 'e',
  baseDomain: 'localhost',
  port: 3000,
  pid: 42,
};

describe('the local stack file', () => {
  it('reads back what npm start writes', () => {
    expect(parseLocalStackFile(formatLocalStackFile(STACK))).toEqual(STACK);
  });

  it('gives a file from before sessions and events existed the default table names', () => {
    const old = JSON.stringify({
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      directoryTable: 'd',
      loginTable: 'l',
      baseDomain: 'localhost',
      port: 3999,
    });
    expect(parseLocalStackFile(old)).toEqual({
      ...STACK,
      port: 3999,
      sessionTable: DEFAULT_TABLES.sessions,
      eventsTable: DEFAULT_TABLES.events,
      pid: undefined,
    });
  });

  it('says why a file is not a stack description', () => {
    expect(parseLocalStackFile('{not json')).toBe('not-json');
    for (const bad of ['null', '{}', JSON.stringify({ ...STACK, dynamodbEndpoint: 'nope' }), JSON.stringify({ ...STACK, port: '3000' })]) {
      expect(parseLocalStackFile(bad)).toBe('not-a-stack');
    }
  });
});

describe('names from the environment', () => {
  it('reads table names as loadConfig and the CLI do: trimmed, defaults when unset or blank', () => {
    expect(tableNamesFrom({})).toEqual(DEFAULT_TABLES);
    expect(tableNamesFrom({ DIRECTORY_TABLE: ' dir ', LOGIN_TABLE: '' })).toEqual({ ...DEFAULT_TABLES, directory: 'dir' });
    const config = loadConfig({ DIRECTORY_TABLE: ' dir ' });
    expect([config.directoryTable, config.loginTable, config.sessionTable, config.eventsTable]).toEqual([
      'dir',
      DEFAULT_TABLES.login,
      DEFAULT_TABLES.sessions,
      DEFAULT_TABLES.events,
    ]);
  });

  it('uses http only for localhost and its subdomains', () => {
    expect(['localhost', 'dev.localhost', 'impero.com', 'notlocalhost', 'localhost.example.com'].map(schemeOf)).toEqual([
      'http',
      'http',
      'https',
      'https',
      'https',
    ]);
    expect(publicOrigin('localhost', 3000)('acme')).toBe('http://acme.localhost:3000');
    expect(publicOrigin('impero.com')('acme')).toBe('https://acme.impero.com');
    expect(loadConfig({ BASE_DOMAIN: 'dev.localhost' }).scheme).toBe('http');
  });
});
