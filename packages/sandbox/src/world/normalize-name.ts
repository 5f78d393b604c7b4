/**
 * Compares names the way identity matching at the providers tolerates: case, accents, hyphens
 * and apostrophes do not matter ("Gérôme" = "GEROME", "JEAN-PHILIPPE" = "JEAN PHILIPPE").
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
