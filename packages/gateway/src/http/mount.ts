import type { IncomingMessage, ServerResponse } from 'node:http';

/** A mounted sub-application (the sandbox, the citizen pages...). `path` is relative to its prefix. */
export type Mount = {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
};

/** A page answered at one exact path (the explorer at `/`). */
export type PageHandler = {
  handlePage(req: IncomingMessage, res: ServerResponse): void;
};
