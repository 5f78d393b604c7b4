import type { FaultConfig } from './fault-config.js';

/** The faults in force: one per route, a route's own fault taking precedence over `*`. */
export class FaultRegistry {
  readonly #faults = new Map<string, FaultConfig>();

  constructor(initial: readonly FaultConfig[] = []) {
    for (const fault of initial) this.set(fault);
  }

  set(fault: FaultConfig): void {
    this.#faults.set(fault.route, { ...fault });
  }

  /** Removes one route's fault, or all of them. */
  clear(route?: string): void {
    if (route === undefined) this.#faults.clear();
    else this.#faults.delete(route);
  }

  for(route: string): FaultConfig | undefined {
    return this.#faults.get(route) ?? this.#faults.get('*');
  }

  list(): FaultConfig[] {
    return [...this.#faults.values()].map((f) => ({ ...f }));
  }
}
