/** The posting conversation's state: plain JSON, stored per agent so a draft survives restarts. */

export interface DraftStep {
  text: string;
  /** Content hashes of stored photos. */
  photos: string[];
}

export interface Draft {
  title: string | null;
  problem: string | null;
  steps: DraftStep[];
  /** Photos sent before any step was written; they join the next step. */
  pendingPhotos: string[];
  category: string | null;
  /** Set once bricolages close to this draft were looked for (issue 17): at most one suggestion per draft. */
  suggested?: boolean;
}

export type Phase = 'mairie' | 'title' | 'problem' | 'steps' | 'category' | 'preview' | 'editChoice' | 'resume';

export interface WizardState {
  version: 1;
  phase: Phase;
  draft: Draft;
  /** Set while changing one answer from the preview: answering returns to the preview. */
  editing: boolean;
  /** While offering to resume: the phase to go back to. */
  resumePhase?: Phase;
  /** While rewriting the steps from the preview: the previous ones, restored by `retour`. */
  stepsBeforeEdit?: DraftStep[];
  /** Set when the draft reopens a published bricolage (`modifier <n°>`): publishing updates it. */
  editOf?: number;
}

export const LIMITS = {
  titleLength: 120,
  problemLength: 2000,
  stepLength: 2000,
  steps: 20,
  photosPerStep: 10,
} as const;

export function emptyDraft(): Draft {
  return { title: null, problem: null, steps: [], pendingPhotos: [], category: null };
}

/** Parses a stored state; anything unreadable is treated as no draft rather than a crash. */
export function parseState(json: string | null | undefined): WizardState | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as WizardState;
    return value && value.version === 1 && typeof value.phase === 'string' && value.draft ? value : null;
  } catch {
    return null;
  }
}
