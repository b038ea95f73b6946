/** The initials avatar of a contributor: up to two letters and a stable hue from the agent id. */
export function initials(name: string): string {
  // Only letters count: "Camille <Martin>" gives "CM", "Jean-Pierre de la Fontaine" gives "JF".
  const words = name.split(/[^\p{L}]+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...w][0].toUpperCase()).join('') || '?';
}

/** One of a few dark hues (white text on them passes WCAG AA contrast). */
export function avatarTone(id: number): number {
  return Math.abs(id) % 6;
}
