/**
 * SIRET check (14 digits, Luhn). La Poste's establishments (SIREN 356000000) are the documented
 * exception: their SIRETs do not pass Luhn; INSEE validates them by digit sum modulo 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (luhnSum(value) % 10 === 0) return true;
  if (value.startsWith('356000000')) {
    const digitSum = [...value].reduce((acc, d) => acc + Number(d), 0);
    return digitSum % 5 === 0;
  }
  return false;
}

function luhnSum(value: string): number {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(value[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}
