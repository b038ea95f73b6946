/** An operations tool's refusal or failure, told to the operator as one line (never a stack trace). */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}
