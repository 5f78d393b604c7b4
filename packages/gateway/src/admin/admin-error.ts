/** A bad argument to an administrative command: names the argument (CLI exit code 2). */
export class AdminInputError extends Error {
  constructor(readonly argument: string, message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}
