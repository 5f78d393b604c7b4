/**
 * SIRET check as API Particulier applies it to `recipient`: 14 digits passing the Luhn check,
 * except La Poste's establishments (SIREN 356000000), whose digits must sum to a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  const digits = [...value].map(Number);
  if (value.startsWith('356000000')) return digits.reduce((sum, d) => sum + d, 0) % 5 === 0;
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let d = digits[i] ?? 0;
    // From the right, every second digit is doubled: with 14 digits, the even indexes.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
