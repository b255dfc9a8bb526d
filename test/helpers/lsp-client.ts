// A real LSP client over stdio for tests: spawns `node dist/server.js --stdio` and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** What the server answered to `initialize`. */
  initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
  waitForDiagnostics(uri: string, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
  stderr(): string;
  /** What the server wrote to its output channel (window/logMessage), in order. */
  logs: string[];
}

/** What the test client says about itself in `initialize`, beyond the defaults. */
export interface StartOptions {
  /** `workspaceFolders` of initialize (file: URIs). */
  workspaceFolders?: { uri: string; name: string }[];
  /** Merged over the default client capabilities (`{ workspace: { configuration: true } }`). */
  capabilities?: Record<string, unknown>;
}

export async function startServer(initializationOptions?: unknown, options: StartOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p);
    for (const w of waiters.get(p.uri) ?? []) w(p);
    waiters.delete(p.uri);
  });
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  // answer workspace/configuration with the settings we started with (as VS Code answers with the user's)
  const budget = (initializationOptions as { settings?: unknown } | undefined)?.settings ?? {};
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => budget));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const initializeResult = await connection.sendRequest<TestClient['initializeResult']>('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: options.workspaceFolders ?? null,
    capabilities: { workspace: { configuration: true }, ...options.capabilities },
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    diagnostics,
    initializeResult,
    stderr: () => err,
    logs,
    waitForDiagnostics(uri, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        const list = waiters.get(uri) ?? [];
        list.push((p) => {
          clearTimeout(timer);
          resolve(p);
        });
        waiters.set(uri, list);
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      connection.dispose();
      child.kill();
    },
  };
}
