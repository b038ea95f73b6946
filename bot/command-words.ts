/** Whether a message is one of the bot's words: a keyword (`aide`, `nouveau`…) or a command. */
import { animatorCommandOf } from './animateur/parse.js';
import { commandOf, keywordOf } from './wizard/parse.js';
import { workshopCommandOf } from './workshops/parse.js';

/** Used by questions that let commands through: such a message is not taken as their answer. */
export function isCommandText(text: string): boolean {
  return (
    keywordOf(text) !== null || commandOf(text) !== null || workshopCommandOf(text) !== null || animatorCommandOf(text) !== null
  );
}
