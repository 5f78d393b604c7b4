/** What a route answers, before the fault layer decides how (or whether) to write it. */
export type Answer = { status: number; body: unknown };

/** Query parameters as received: name (as sent, e.g. `prenoms[]`) → values in order. */
export type QueryParams = Map<string, string[]>;
