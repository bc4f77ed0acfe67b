/**
 * The type check and the lint of `npm test` over one TypeScript program: `tsc --noEmit`'s
 * diagnostics, then ESLint's type-aware rules reading the same program (typescript-eslint's
 * `programs` option) instead of building and checking it a second time. Exits 1 on any
 * compiler error or lint problem. `npm run typecheck` and `npm run lint` run each alone.
 */
import ts from 'typescript';
import { ESLint } from 'eslint';

function program(): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile('tsconfig.json', undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, configFileParsingDiagnostics: parsed.errors });
}

const shared = program();
const diagnostics = ts.getPreEmitDiagnostics(shared);
if (diagnostics.length > 0) {
  process.stdout.write(
    ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: ts.sys.getCurrentDirectory,
      getNewLine: () => ts.sys.newLine,
    }),
  );
  console.error(`tsc: ${diagnostics.length} error(s)`);
  process.exit(1);
}

// No lint cache: ESLint cannot key its cache on a program object.
const eslint = new ESLint({
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { programs: [shared] } } }],
});
const results = await eslint.lintFiles(['.']);
const output = await (await eslint.loadFormatter('stylish')).format(results);
if (output) process.stdout.write(output);
if (results.some((r) => r.errorCount + r.warningCount > 0)) process.exit(1);
