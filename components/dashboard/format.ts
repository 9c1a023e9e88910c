// How the dashboard writes its numbers.
export function percent(rate: number): string {
  const value = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

export function count(n: number): string {
  return n.toLocaleString("en-GB");
}
