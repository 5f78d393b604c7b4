const FORMAT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * A moment as a French reader expects it, in metropolitan French time whatever the server's zone:
 * "mardi 3 juin 2025 à 14:05" (summer and winter time handled by the zone database).
 */
export function frenchDateTime(date: Date): string {
  return FORMAT.format(date);
}
