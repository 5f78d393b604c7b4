const FORMAT = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

/** A day as a French reader expects it, in Paris time: "3 juin 2025". */
export function frenchDate(date: Date): string {
  return FORMAT.format(date);
}
