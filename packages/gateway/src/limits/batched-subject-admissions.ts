import DataLoader from 'dataloader';
import { pacedBatchSchedule } from '../auth/paced-schedule.js';
import type { CounterStore } from './counter-store.js';

/** One citizen to admit to an operator's distinct set for a purpose and UTC day, under `limit`. */
export type SubjectAdmission = { operatorId: string; purpose: string; day: string; subjectRef: string; limit: number };

/**
 * The daily distinct-citizen quota's store calls, gathered per paced batch: the subjects of every
 * concurrent request for one (operator, purpose, day) go to the store in one admission (the
 * store's own insert-then-count algorithm, which never admits two newcomers over the limit), the
 * groups of a batch in parallel. Resolves true (admitted) or false (over the quota) per subject;
 * a failing store rejects every subject of its group.
 */
export class BatchedSubjectAdmissions {
  private readonly loader: DataLoader<SubjectAdmission, boolean>;

  constructor(store: CounterStore, batchIntervalMs = 1) {
    this.loader = new DataLoader(async (admissions) => {
      const groups = new Map<string, { first: SubjectAdmission; slots: number[] }>();
      admissions.forEach((a, i) => {
        const id = `${a.operatorId}\n${a.purpose}\n${a.day}\n${a.limit}`;
        const group = groups.get(id);
        if (group) group.slots.push(i);
        else groups.set(id, { first: a, slots: [i] });
      });
      const results: (boolean | Error)[] = new Array<boolean | Error>(admissions.length);
      await Promise.all([...groups.values()].map(async ({ first, slots }) => {
        try {
          const refused = await store.admitSubjects(first.operatorId, first.purpose, first.day, slots.map((i) => admissions[i]!.subjectRef), first.limit);
          for (const i of slots) results[i] = !refused.has(admissions[i]!.subjectRef);
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const i of slots) results[i] = failure;
        }
      }));
      return results;
    }, { cache: false, batchScheduleFn: pacedBatchSchedule(batchIntervalMs) });
  }

  /** Admits one subject; resolves false when it would take the day's distinct count over the limit. */
  admit(admission: SubjectAdmission): Promise<boolean> {
    return this.loader.load(admission);
  }
}
