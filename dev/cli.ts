/**
 * The single local CLI: `npm run local -- <command> [options]`. Each command is one entry in
 * COMMANDS; a command module exports an async function taking the remaining arguments.
 */
import { syncCommand } from './excel/sync-command';
import { serveCommand } from './preview/serve-command';
import { callCommand, editCommand } from './runtime/cli-commands';
import { sandboxCommand } from './sandbox/cli-command';

type Command = (args: readonly string[]) => Promise<void>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  serve: {
    run: serveCommand,
    summary: 'the local preview: the spreadsheet and the sidebar in a browser (npm start)',
  },
  sandbox: { run: sandboxCommand, summary: 'run the stateful Brex sandbox on 127.0.0.1' },
  call: { run: callCommand, summary: 'call a global of dist/Code.js against a workbook file' },
  edit: { run: editCommand, summary: "a person's edit of a cell, firing edit triggers" },
  sync: { run: syncCommand, summary: 'sync Brex into an Excel workbook (.xlsx), headless' },
};

async function main(argv: readonly string[]): Promise<void> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const list = Object.entries(COMMANDS)
      .map(([key, c]) => `  ${key.padEnd(10)} ${c.summary}`)
      .join('\n');
    process.stderr.write(
      `${name ? `Unknown command "${name}".` : 'No command given.'} Use one of:\n${list}\n`,
    );
    process.exitCode = 2;
    return;
  }
  await command.run(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
