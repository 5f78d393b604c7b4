// Journal (append-only, hash-chained). Public surface of the journal module.
export {};
