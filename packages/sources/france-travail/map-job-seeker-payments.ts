import { parseWireDate, readDataBlock, wire } from '../http/index.js';

/** `JobSeekerPayment` of schema/france-travail.graphql. */
export type JobSeekerPaymentRecord = {
  date: string | null;
  totalAmount: number | null;
  allowancesAmount: number | null;
  aidsAmount: number | null;
  otherAmount: number | null;
};

/**
 * Maps `data.paiements` of /v3/france_travail/indemnites/identifiant, in the upstream's order;
 * null when the list is missing. Amounts stay in euros with their cents (e.g. 123.4): rounding
 * them to whole euros would alter a certified figure.
 */
export function mapJobSeekerPayments(body: unknown): JobSeekerPaymentRecord[] | null {
  const payments = wire.array(readDataBlock(body).paiements);
  if (payments === null) return null;
  return payments.flatMap((item) => {
    const payment = wire.object(item);
    if (payment === null) return [];
    return [
      {
        date: parseWireDate(payment.date_versement, 'YYYY-MM-DD'),
        totalAmount: wire.number(payment.montant_total),
        allowancesAmount: wire.number(payment.montant_allocations),
        aidsAmount: wire.number(payment.montant_aides),
        otherAmount: wire.number(payment.montant_autres),
      },
    ];
  });
}
