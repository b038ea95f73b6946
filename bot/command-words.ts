/** Whether a message is one of the bot's words: a keyword (`aide`, `nouveau`…) or a command. */
import { animatorCommandOf } from './animateur/parse.js';
import { commandOf, keywordOf } from './wizard/parse.js';
import { workshopCommandOf } from './workshops/parse.js';

/**
 * Used by questions that let commands through: such a message is not taken as their answer. A
 * command word that wants a bricolage number but is followed by other words ("Adopté, ça marche
 * bien", "Supprimer les doublons nous a aidés") is a sentence, so the waiting question takes it: as
 * a command it could only answer with its usage, and the agent's answer would be lost.
 */
export function isCommandText(text: string): boolean {
  if (keywordOf(text) !== null || workshopCommandOf(text) !== null || animatorCommandOf(text) !== null) return true;
  const command = commandOf(text);
  if (command === null) return false;
  const missingNumber = 'id' in command && command.id === null;
  return !(missingNumber && /[\p{L}\p{N}]/u.test(text.trim().replace(/^\S+/, '')));
}
