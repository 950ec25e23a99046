// Whatever the bench starts or creates is registered here and undone on every way out: normal end,
// a thrown error, Ctrl-C or SIGTERM. Actions are synchronous so they also run inside 'exit'.

type Action = () => void;
const actions = new Map<number, Action>();
let nextId = 0;

/** Registers an undo action; the returned function runs it now and unregisters it. */
export function onCleanup(action: Action): () => void {
  const id = nextId++;
  actions.set(id, action);
  return () => {
    if (actions.delete(id)) action();
  };
}

export function runCleanup(): void {
  for (const [id, action] of [...actions].reverse()) {
    actions.delete(id);
    try {
      action();
    } catch (e) {
      console.error('cleanup failed:', e);
    }
  }
}

let installed = false;

export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runCleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the server and removing the temp databases`);
      runCleanup();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
