/**
 * A label whose values come from clients (operation names) or from configuration, kept bounded:
 * the first `max` distinct values that match `pattern` keep their own value, every other value
 * folds into `other`. A Prometheus series is created per distinct label set and never freed, so
 * an unbounded label is a memory leak an anonymous caller can drive.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number, private readonly pattern: RegExp, readonly other: string) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max || !this.pattern.test(value)) return this.other;
    this.seen.add(value);
    return value;
  }
}
