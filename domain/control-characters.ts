/**
 * C0 control characters (U+0000–U+001F but tab and newline) have no place in what people type, and
 * most of them are not allowed in XML 1.0: one in a title made `/feed.atom` ill-formed for every
 * reader. Inbound text is cleaned once where it enters (`bot/validate-event.ts`); output that may
 * hold text stored before (the Atom feed) is cleaned again. Pure, imports nothing.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** The text with carriage returns turned into newlines and the other C0 controls but tab removed. */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}
