/**
 * Typed errors that cross the port between the core and the adapters. Adapters throw and catch them
 * by class (`instanceof`), never by message text or an ad-hoc `code` property, so a reworded message
 * can never change behaviour. None of them carries a token or a stack meant for users.
 */

/** The core refuses an event an adapter translated: it will never become valid, so do not retry it. */
export class InvalidInboundEventError extends TypeError {
  readonly problem: string;

  constructor(problem: string) {
    super(`invalid inbound event: ${problem}`);
    this.problem = problem;
    this.name = 'InvalidInboundEventError';
  }
}

/** A platform payload the adapter cannot translate at all (malformed JSON shape, missing ids). */
export class MalformedPayloadError extends Error {
  readonly problem: string;

  constructor(problem: string) {
    super(`malformed platform payload: ${problem}`);
    this.problem = problem;
    this.name = 'MalformedPayloadError';
  }
}

/** `ChatPort.download` refused a file over the size limit (the agent is told the limit). */
export class PhotoTooLargeError extends Error {
  readonly photoId: string;
  readonly bytes?: number;

  constructor(photoId: string, bytes?: number) {
    super(`file ${photoId} is over the size limit${bytes === undefined ? '' : ` (${bytes} bytes)`}`);
    this.photoId = photoId;
    if (bytes !== undefined) this.bytes = bytes;
    this.name = 'PhotoTooLargeError';
  }
}

/** Why a download gave no bytes: `expired` covers short-lived links that lapsed and access refused (401/403). */
export type PhotoDownloadProblem = 'expired' | 'notFound' | 'untrustedHost' | 'failed';

/** `ChatPort.download` could not fetch the bytes; `problem` picks what the agent is told. */
export class PhotoDownloadError extends Error {
  readonly photoId: string;
  readonly problem: PhotoDownloadProblem;

  constructor(photoId: string, problem: PhotoDownloadProblem, detail: string) {
    super(`download of ${photoId} failed (${problem}): ${detail}`);
    this.photoId = photoId;
    this.problem = problem;
    this.name = 'PhotoDownloadError';
  }
}
