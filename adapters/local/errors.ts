/** Friendly JSON errors of the local chat API, French first with English alongside. */
import type { Response } from 'express';

const MESSAGES = {
  bad_request: ['Requête illisible.', 'The request could not be read.'],
  csrf: ['Requête refusée : elle ne vient pas de la page du chat.', 'Request refused: it does not come from the chat page.'],
  bad_user: ['Choisissez un des agents de démonstration.', 'Pick one of the demo agents.'],
  bad_channel: ["Ce salon n'existe pas ou ne vous est pas ouvert.", 'This channel does not exist or is not open to you.'],
  empty: ['Écrivez un message ou joignez une photo.', 'Type a message or attach a photo.'],
  too_long: ['Ce message est trop long (4 000 caractères au plus).', 'This message is too long (4,000 characters at most).'],
  bad_thread: ["Ce fil de discussion n'existe pas.", 'This thread does not exist.'],
  too_many_files: ['10 photos au plus par message.', '10 photos at most per message.'],
  too_large: ['Ce fichier est bien trop lourd pour être envoyé.', 'This file is far too large to be sent.'],
  not_found: ["Ce message n'existe pas ou a été supprimé.", 'This message does not exist or was deleted.'],
  not_yours: ['Vous ne pouvez modifier ou supprimer que vos propres messages.', 'You can only edit or delete your own messages.'],
  bad_emoji: ['Réaction inconnue : choisissez 👍 ❤️ 🎉 💡 👏.', 'Unknown reaction: pick 👍 ❤️ 🎉 💡 👏.'],
  no_reaction_here: ['Les réactions se font dans #communaute.', 'Reactions are for #communaute.'],
  bad_button: ["Ce bouton n'existe plus.", 'This button no longer exists.'],
  bot_unavailable: [
    "Votre message est enregistré, mais le bot ne l'a pas reçu. Réessayez dans un instant.",
    'Your message is saved, but the bot did not receive it. Try again in a moment.',
  ],
  server: ['Le chat local a rencontré un problème. Réessayez.', 'The local chat ran into a problem. Please try again.'],
  // local chat hosts (DNS rebinding)
  wrong_host: [
    "Le chat local ne répond qu'à l'adresse de ce serveur (localhost, ou une adresse listée dans LOCAL_CHAT_HOSTS).",
    'The local chat only answers at this server’s address (localhost, or one listed in LOCAL_CHAT_HOSTS).',
  ],
} as const;

export type ErrorCode = keyof typeof MESSAGES;

export class ChatError extends Error {
  readonly status: number;
  readonly code: ErrorCode;

  constructor(status: number, code: ErrorCode) {
    super(MESSAGES[code][1]);
    this.status = status;
    this.code = code;
    this.name = 'ChatError';
  }
}

export function sendError(res: Response, status: number, code: ErrorCode): void {
  const [fr, en] = MESSAGES[code];
  res.status(status).json({ error: code, message: fr, messageEn: en });
}
